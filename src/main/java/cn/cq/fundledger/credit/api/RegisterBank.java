package cn.cq.fundledger.credit.api;

/** Registers a cooperating bank of the knowledge-value credit program. */
public record RegisterBank(String bankId, String name) {
}
