package cn.cq.fundledger.equityfund.api;

import java.time.LocalDate;

/** An equity fund (a limited partnership) was established by its first partner's commitment. */
public record EquityFundEstablished(String fundId, String name, LocalDate establishedOn) {
}
