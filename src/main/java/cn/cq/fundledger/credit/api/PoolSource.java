package cn.cq.fundledger.credit.api;

/** Who put money into a district risk compensation pool: the city (40%) or the district (60%). */
public enum PoolSource { CITY, DISTRICT }
