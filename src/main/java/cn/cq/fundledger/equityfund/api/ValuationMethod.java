package cn.cq.fundledger.equityfund.api;

/** How a deal's mark was arrived at: at cost, at the price of the company's last financing round, or appraised. */
public enum ValuationMethod { COST, LAST_ROUND, APPRAISAL }
