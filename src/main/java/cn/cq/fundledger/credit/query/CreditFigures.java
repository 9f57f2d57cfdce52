package cn.cq.fundledger.credit.query;

/**
 * The credit program's figures as of a date, in fen: the sums over {@code credit_movement}.
 *
 * @param loans          loans issued (enterprise-times)
 * @param enterprises    distinct borrowers
 * @param issued         principal issued
 * @param outstanding    principal not yet repaid of loans not in default
 * @param defaulted      unrecovered principal of defaulted loans
 * @param compensated    compensation the pools have paid
 * @param waiting        compensation claimed but not yet paid
 * @param recovered      all money recovered after compensation
 * @param poolRecovered  the pools' share of it
 * @param contributed    contributions to the pools
 * @param interest       interest paid to the banks
 * @param guidedLoans    guided commercial loans (count)
 * @param guided         principal of guided commercial loans
 */
public record CreditFigures(long loans, long enterprises, long issued, long outstanding, long defaulted,
                            long compensated, long waiting, long recovered, long poolRecovered, long contributed,
                            long interest, long guidedLoans, long guided) {

    /** Pool balance: contributed − compensated + the pools' recoveries. */
    public long poolBalance() {
        return contributed - compensated + poolRecovered;
    }
}
