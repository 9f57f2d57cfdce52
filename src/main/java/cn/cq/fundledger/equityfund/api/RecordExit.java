package cn.cq.fundledger.equityfund.api;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.core.Ratio;
import java.time.LocalDate;

/**
 * The fund sells (part of) its holding in a deal for {@code proceeds}. {@code portion} is the part of the
 * original holding sold; {@code null} sells everything still held (a full exit).
 */
public record RecordExit(String exitId, String dealId, Money proceeds, Ratio portion, LocalDate exitedOn)
        implements EquityFactCommand {
}
