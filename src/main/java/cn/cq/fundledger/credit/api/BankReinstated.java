package cn.cq.fundledger.credit.api;

import java.time.LocalDate;

public record BankReinstated(String bankId, LocalDate reinstatedOn, String reason) {
}
