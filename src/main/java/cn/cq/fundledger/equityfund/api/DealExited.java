package cn.cq.fundledger.equityfund.api;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import java.time.LocalDate;

/**
 * The fund sold {@code portion} of its original holding in a deal for {@code proceeds}. {@code cost} is the part
 * of the deal's amount that the sold portion stands for (the rest of the cost when nothing is left), so the
 * costs of a deal's exits add up to its amount; {@code heldAfter} is the part of the holding still held, zero
 * when {@code full}: the deal is then fully exited and takes no further exit or mark.
 */
public record DealExited(String exitId, String dealId, String fundId, String projectId, Money proceeds, Ratio portion,
                         Money cost, Ratio heldAfter, boolean full, LocalDate exitedOn) {
}
