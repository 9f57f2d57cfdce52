/**
 * The credit program's rules as plain classes, with no framework: the risk-sharing ratio in force, the fuse, a
 * bank's losses, a district pool and its queue of claims. The aggregate ({@code credit.command.CreditProgram})
 * calls them to decide what to record; a scenario model (issue 13) is to call the very same classes to replay the history under
 * another policy, so the two can never disagree on a rule.
 */
package cn.cq.fundledger.credit.domain;
