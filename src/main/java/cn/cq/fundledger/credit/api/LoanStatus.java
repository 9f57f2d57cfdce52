package cn.cq.fundledger.credit.api;

/** Where a knowledge-value loan stands (REVERSED: recorded by mistake and reversed by a correction). */
public enum LoanStatus { ACTIVE, CLOSED, DEFAULTED, REVERSED }
