package cn.cq.fundledger.credit.api;

/** Where a knowledge-value loan stands. */
public enum LoanStatus { ACTIVE, CLOSED, DEFAULTED }
