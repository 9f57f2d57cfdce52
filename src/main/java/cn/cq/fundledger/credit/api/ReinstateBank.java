package cn.cq.fundledger.credit.api;

import java.time.LocalDate;

/** An administrator lifts a bank's suspension, with the reason. */
public record ReinstateBank(String bankId, LocalDate reinstatedOn, String reason) {
}
