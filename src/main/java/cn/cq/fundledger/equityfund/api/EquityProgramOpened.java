package cn.cq.fundledger.equityfund.api;

/**
 * The equity program's ledger was opened: recorded once, before any other equity fact. The program has no
 * standing policy to record (its rules are fixed: calls pro rata to commitments, distributions pro rata to
 * paid-in capital, unmarked deals valued at cost); the event marks where its history begins.
 */
public record EquityProgramOpened(String programId) {
}
