package cn.cq.fundledger.credit.api;

/** Knowledge-value grade of an enterprise, A (best) to E. */
public enum Grade { A, B, C, D, E }
