package cn.cq.fundledger.seedfund.api;

/**
 * How a local seed fund puts money into a project: a public-interest minority stake (公益参股: no management
 * role, no dividends for a set period) or an interest-free credit loan made through a bank.
 */
public enum Instrument { EQUITY, LOAN }
