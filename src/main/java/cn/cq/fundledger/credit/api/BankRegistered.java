package cn.cq.fundledger.credit.api;

public record BankRegistered(String bankId, String name) {
}
