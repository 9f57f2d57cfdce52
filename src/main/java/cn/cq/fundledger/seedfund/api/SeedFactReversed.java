package cn.cq.fundledger.seedfund.api;

import cn.cq.fundledger.core.Money;
import java.time.LocalDate;

/**
 * A wrongly recorded seed fact was reversed. It names the fact, the event that recorded it and, when the
 * correction carried one, the corrected fact recorded right after it ({@code replacedBy}); it keeps the fact's own
 * business date ({@code businessDate}: the investment's, exit's, raise's or round's date, so that figures as of any
 * date from then on no longer count it) and the amounts it undoes:
 * <ul>
 *   <li>investment: {@code fundId}, {@code investmentId}, {@code projectId}, {@code instrument},
 *       {@code vintageYear} (the year of the investment), {@code amount} invested;</li>
 *   <li>exit: the same keys of its investment, {@code route}, {@code amount} = the cost exited, {@code proceeds}
 *       and their {@code cityProceeds} / {@code partnerProceeds} split;</li>
 *   <li>commitment raise: {@code fundId}, {@code amount} = the increase;</li>
 *   <li>follow-on round: {@code projectId}, {@code amount} of the round and its {@code postMoney}.</li>
 * </ul>
 * Amounts that do not apply to the kind are zero, keys that do not apply are null.
 */
public record SeedFactReversed(SeedFactKind kind, String factId, String reversesEventId, String reason,
                               String replacedBy, LocalDate businessDate, String fundId,
                               String investmentId, String projectId, Instrument instrument, Integer vintageYear,
                               ExitRoute route, Money amount, Money proceeds, Money cityProceeds,
                               Money partnerProceeds, Money postMoney) {
}
