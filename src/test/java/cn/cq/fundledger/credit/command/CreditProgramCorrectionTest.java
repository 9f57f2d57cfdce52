package cn.cq.fundledger.credit.command;

import cn.cq.fundledger.core.Money;
import cn.cq.fundledger.credit.api.FactReversed;
import cn.cq.fundledger.credit.api.Grade;
import cn.cq.fundledger.credit.api.DeclareDefault;
import cn.cq.fundledger.credit.api.GuidedLoanRecorded;
import cn.cq.fundledger.credit.api.LoanDefaulted;
import cn.cq.fundledger.credit.api.LoanIssued;
import cn.cq.fundledger.credit.api.LoanRepaid;
import cn.cq.fundledger.credit.api.PoolContributionReceived;
import cn.cq.fundledger.credit.api.PoolSource;
import cn.cq.fundledger.credit.api.RecordRepayment;
import cn.cq.fundledger.credit.api.ReverseFact;
import cn.cq.fundledger.credit.api.ReverseFact.FactKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

/**
 * Corrections: a wrongly recorded fact is never edited or deleted; its reversal is recorded, linked to the
 * event that recorded it, with a mandatory reason and the fact's own business date.
 */
class CreditProgramCorrectionTest extends CreditProgramTestSupport {

    private final LoanIssued loan = issued("L1", ENT_1, wan(100), "2023-02-01");
    private final LoanRepaid repaid = repaid(loan, "R1", wan(100), wan(2), "2023-08-01", Money.ZERO);
    private final PoolContributionReceived contribution = new PoolContributionReceived("C1", YUBEI, PoolSource.CITY,
            wan(50), day("2023-01-01"));
    private final GuidedLoanRecorded guided = new GuidedLoanRecorded("G1", BANK, ENT_1, YUBEI, wan(300),
            day("2023-05-01"));

    /**
     * The one event a correction applies: the expected reversal, linked to some stored event (the fixture gives
     * the history's events identifiers of its own; the link itself is checked in the integration test).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static org.hamcrest.Matcher<List<org.axonframework.eventhandling.EventMessage<?>>> reversal(
            FactReversed expected) {
        return (org.hamcrest.Matcher) org.axonframework.test.matchers.Matchers.exactSequenceOf(
                org.axonframework.test.matchers.Matchers.messageWithPayload(linked(expected)),
                org.axonframework.test.matchers.Matchers.andNoMore());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static org.hamcrest.Matcher<List<org.axonframework.eventhandling.EventMessage<?>>> twoEvents(
            org.hamcrest.Matcher<?> first, org.hamcrest.Matcher<?> second) {
        return (org.hamcrest.Matcher) org.axonframework.test.matchers.Matchers.exactSequenceOf(
                org.axonframework.test.matchers.Matchers.messageWithPayload(first),
                org.axonframework.test.matchers.Matchers.messageWithPayload(second),
                org.axonframework.test.matchers.Matchers.andNoMore());
    }

    /** The expected reversal, linked to some stored event. */
    private static org.hamcrest.Matcher<FactReversed> linked(FactReversed expected) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(FactReversed actual) {
                return actual.reversesEventId() != null && !actual.reversesEventId().isBlank()
                        && withLink(actual, "any").equals(withLink(expected, "any"));
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText(expected + " linked to a stored event");
            }
        };
    }

    private static FactReversed withLink(FactReversed r, String link) {
        return new FactReversed(r.kind(), r.factId(), link, r.reason(), r.loanId(), r.enterpriseId(), r.bankId(),
                r.district(), r.source(), r.businessDate(), r.principal(), r.interest(), r.amount(), r.poolShare(),
                r.replacedBy());
    }

    /** The history as stored messages with known identifiers: "event-0", "event-1", ... */
    private static List<Object> stored(List<Object> payloads) {
        List<Object> messages = new ArrayList<>();
        for (int i = 0; i < payloads.size(); i++) {
            messages.add(new GenericDomainEventMessage<>("CreditProgram", CreditProgram.ID, i, payloads.get(i),
                    MetaData.emptyInstance(), "event-" + i, Instant.parse("2024-01-01T00:00:00Z")));
        }
        return messages;
    }

    private List<Object> history() {
        return history(OPENED, bank(BANK), generalRatio("2017-01-01", 8000),
                evaluated(ENT_1, YUBEI, Grade.A, "2023-01-10"), contribution, loan, repaid,
                closed("L1", "2023-08-01"), guided);
    }

    @Test
    void aRepaymentIsReversedLinkedToItsEventAndTheLoanOwesAgain() {
        fixture.given(stored(history()))
                .when(new ReverseFact(FactKind.REPAYMENT, "R1", "银行重复报送"))
                .expectEventsMatching(reversal(new FactReversed(FactKind.REPAYMENT, "R1", "event-6", "银行重复报送", "L1", ENT_1, BANK,
                        YUBEI, null, day("2023-08-01"), wan(100), wan(2), Money.ZERO, Money.ZERO, null)));
        List<Object> corrected = new ArrayList<>(history());
        corrected.add(new FactReversed(FactKind.REPAYMENT, "R1", "event-6", "银行重复报送", "L1", ENT_1, BANK, YUBEI,
                null, day("2023-08-01"), wan(100), wan(2), Money.ZERO, Money.ZERO, null));
        // the loan is open again: the corrected repayment, with a new id, is accepted
        fixture.given(stored(corrected))
                .when(new RecordRepayment("R1-C", "L1", wan(60), wan(2), day("2023-08-01")))
                .expectEvents(repaid(loan, "R1-C", wan(60), wan(2), "2023-08-01", wan(40)));
    }

    @Test
    void aContributionIsReversedWhileThePoolStillHoldsIt() {
        fixture.given(stored(history()))
                .when(new ReverseFact(FactKind.CONTRIBUTION, "C1", "金额录入错误"))
                .expectEventsMatching(reversal(new FactReversed(FactKind.CONTRIBUTION, "C1", "event-4", "金额录入错误", null, null, null,
                        YUBEI, PoolSource.CITY, day("2023-01-01"), Money.ZERO, Money.ZERO, wan(50), Money.ZERO, null)));
    }

    @Test
    void aContributionThePoolHasSpentCannotBeReversed() {
        LoanIssued other = issued("L2", ENT_2, wan(50), "2023-03-01");
        List<Object> spent = history(history(), evaluated(ENT_2, YUBEI, Grade.A, "2023-01-10"), other,
                defaulted(other, "2023-06-01", "2023-07-01", wan(50)));
        var claim = claimed("K2", other, "2023-07-10");
        spent = history(spent, claim, paid(claim, "2023-07-10", "K2"));
        fixture.given(stored(spent))
                .when(new ReverseFact(FactKind.CONTRIBUTION, "C1", "金额录入错误"))
                .expectException(refused("factId", "pool-balance-used"))
                .expectNoEvents();
    }

    @Test
    void aGuidedLoanIsReversed() {
        fixture.given(stored(history()))
                .when(new ReverseFact(FactKind.GUIDED_LOAN, "G1", "非引导贷款"))
                .expectEventsMatching(reversal(new FactReversed(FactKind.GUIDED_LOAN, "G1", "event-8", "非引导贷款", "G1", ENT_1, BANK,
                        YUBEI, null, day("2023-05-01"), wan(300), Money.ZERO, Money.ZERO, Money.ZERO, null)));
    }

    @Test
    void aRepaymentOfALoanDefaultedSinceCannotBeReversed() {
        LoanIssued other = issued("L2", ENT_2, wan(50), "2023-03-01");
        LoanRepaid part = repaid(other, "R2", wan(10), Money.ZERO, "2023-04-01", wan(40));
        fixture.given(stored(history(history(), evaluated(ENT_2, YUBEI, Grade.A, "2023-01-10"), other, part,
                        defaulted(other, "2023-06-01", "2023-07-01", wan(40)))))
                .when(new ReverseFact(FactKind.REPAYMENT, "R2", "错误"))
                .expectException(refused("factId", "loan-defaulted-since"))
                .expectNoEvents();
    }

    @Test
    void aReasonIsMandatoryAndTheFactMustExist() {
        fixture.given(stored(history()))
                .when(new ReverseFact(FactKind.REPAYMENT, "R1", "  "))
                .expectException(invalid("reason", "required"))
                .expectNoEvents();
        fixture.given(stored(history()))
                .when(new ReverseFact(FactKind.REPAYMENT, "R9", "错误"))
                .expectException(notFound("factId", "unknown-fact"))
                .expectNoEvents();
        fixture.given(stored(history()))
                .when(new ReverseFact(FactKind.REPAYMENT, "R1", "错".repeat(cn.cq.fundledger.core.Require.MAX_REASON + 1)))
                .expectException(invalid("reason", "max-length"))
                .expectNoEvents();
    }

    @Test
    void theSameCorrectionAgainIsADuplicateAndAnotherReasonAConflict() {
        List<Object> corrected = new ArrayList<>(history());
        corrected.add(new FactReversed(FactKind.GUIDED_LOAN, "G1", "event-8", "非引导贷款", "G1", ENT_1, BANK, YUBEI,
                null, day("2023-05-01"), wan(300), Money.ZERO, Money.ZERO, Money.ZERO, null));
        fixture.given(stored(corrected))
                .when(new ReverseFact(FactKind.GUIDED_LOAN, "G1", "非引导贷款"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(stored(corrected))
                .when(new ReverseFact(FactKind.GUIDED_LOAN, "G1", "另一个理由"))
                .expectException(conflict("factId", "id-conflict"))
                .expectNoEvents();
    }

    // ------------------------------------------------------------ loans, defaults, claims, recoveries, evaluations

    private final LoanIssued bad = issued("L2", ENT_2, wan(80), "2023-03-01");

    private List<Object> withSecondLoan() {
        return history(history(), evaluated(ENT_2, YUBEI, Grade.A, "2023-01-10"), bad);
    }

    private static FactReversed reversed(FactKind kind, String factId, String reason, String loanId, String enterpriseId,
                                         String date, Money principal, Money amount, Money poolShare, String replacedBy) {
        return new FactReversed(kind, factId, "any", reason, loanId, enterpriseId, enterpriseId == null && loanId == null
                ? null : BANK, YUBEI, null, day(date), principal, Money.ZERO, amount, poolShare, replacedBy);
    }

    @Test
    void aLoanWithNothingRecordedOnItIsReversedAndItsCreditLineFreed() {
        FactReversed expected = reversed(FactKind.LOAN, "L2", "重复录入", "L2", ENT_2, "2023-03-01", wan(80), Money.ZERO,
                Money.ZERO, null);
        fixture.given(stored(withSecondLoan()))
                .when(new ReverseFact(FactKind.LOAN, "L2", "重复录入"))
                .expectEventsMatching(reversal(expected));
        // grade A's line is 500万 (see the support): 80万 of it were taken by L2; once reversed, 500万 fit again
        List<Object> corrected = history(withSecondLoan(), expected);
        fixture.given(stored(corrected))
                .when(issue("L3", BANK, ENT_2, YUBEI, wan(500), "2023-03-02"))
                .expectSuccessfulHandlerExecution();
        // the reversed loan takes nothing more, and re-sending it is a duplicate, not a second loan
        fixture.given(stored(corrected))
                .when(new RecordRepayment("R9", "L2", wan(10), Money.ZERO, day("2023-04-01")))
                .expectException(refused("loanId", "loan-reversed"))
                .expectNoEvents();
        fixture.given(stored(corrected))
                .when(issue("L2", BANK, ENT_2, YUBEI, wan(80), "2023-03-01"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aLoanWithRepaymentsOrADefaultIsReversedOnlyAfterThem() {
        fixture.given(stored(history()))
                .when(new ReverseFact(FactKind.LOAN, "L1", "错误"))
                .expectException(refused("factId", "reverse-later-facts-first"))
                .expectNoEvents();
        fixture.given(stored(history(withSecondLoan(), defaulted(bad, "2023-06-01", "2023-07-01", wan(80)))))
                .when(new ReverseFact(FactKind.LOAN, "L2", "错误"))
                .expectException(refused("factId", "reverse-later-facts-first"))
                .expectNoEvents();
    }

    @Test
    void aCorrectionRecordsTheCorrectedFactUnderItsOwnRulesOrNothing() {
        FactReversed expected = reversed(FactKind.LOAN, "L2", "金额错误", "L2", ENT_2, "2023-03-01", wan(80), Money.ZERO,
                Money.ZERO, "L2-C");
        fixture.given(stored(withSecondLoan()))
                .when(new ReverseFact(FactKind.LOAN, "L2", "金额错误", issue("L2-C", BANK, ENT_2, YUBEI, wan(60),
                        "2023-03-01")))
                .expectEventsMatching(twoEvents(linked(expected),
                        org.hamcrest.Matchers.equalTo(issued("L2-C", ENT_2, wan(60), "2023-03-01"))));
        // over the credit line: refused, named as a field of the replacement, and the reversal is not recorded either
        fixture.given(stored(withSecondLoan()))
                .when(new ReverseFact(FactKind.LOAN, "L2", "金额错误", issue("L2-C", BANK, ENT_2, YUBEI, wan(501),
                        "2023-03-01")))
                .expectException(refused("replacement.principal", "credit-line-exceeded"))
                .expectNoEvents();
        fixture.given(stored(withSecondLoan()))
                .when(new ReverseFact(FactKind.LOAN, "L2", "金额错误", issue("L2", BANK, ENT_2, YUBEI, wan(60),
                        "2023-03-01")))
                .expectException(invalid("replacement", "replacement-new-id"))
                .expectNoEvents();
        fixture.given(stored(withSecondLoan()))
                .when(new ReverseFact(FactKind.LOAN, "L2", "金额错误", new RecordRepayment("R9", "L1", wan(1),
                        Money.ZERO, day("2023-04-01"))))
                .expectException(invalid("replacement", "replacement-kind"))
                .expectNoEvents();
    }

    @Test
    void aDefaultIsReversedWhileNoClaimStandsOnItAndTheLoanIsLiveAgain() {
        List<Object> inDefault = history(withSecondLoan(), defaulted(bad, "2023-06-01", "2023-07-01", wan(80)));
        FactReversed expected = reversed(FactKind.DEFAULT, "L2", "逾期已结清", "L2", ENT_2, "2023-07-01", wan(80),
                Money.ZERO, Money.ZERO, null);
        fixture.given(stored(inDefault))
                .when(new ReverseFact(FactKind.DEFAULT, "L2", "逾期已结清"))
                .expectEventsMatching(reversal(expected));
        fixture.given(stored(history(inDefault, expected)))
                .when(new RecordRepayment("R2", "L2", wan(80), Money.ZERO, day("2023-08-01")))
                .expectEvents(repaid(bad, "R2", wan(80), Money.ZERO, "2023-08-01", Money.ZERO),
                        closed("L2", "2023-08-01"));
        // the same default re-sent stays reversed
        fixture.given(stored(history(inDefault, expected)))
                .when(new DeclareDefault("L2", day("2023-06-01"), day("2023-07-01")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        var claim = claimed("K2", bad, "2023-07-10");
        fixture.given(stored(history(inDefault, claim)))
                .when(new ReverseFact(FactKind.DEFAULT, "L2", "错误"))
                .expectException(refused("factId", "reverse-later-facts-first"))
                .expectNoEvents();
    }

    @Test
    void aWaitingClaimIsReversedAndAPaidOneIsNot() {
        List<Object> inDefault = history(withSecondLoan(), defaulted(bad, "2023-06-01", "2023-07-01", wan(80)));
        var claim = claimed("K2", bad, "2023-07-10");
        fixture.given(stored(history(inDefault, claim)))
                .when(new ReverseFact(FactKind.CLAIM, "K2", "申请有误"))
                .expectEventsMatching(reversal(new FactReversed(FactKind.CLAIM, "K2", "any", "申请有误", "L2", null, BANK,
                        YUBEI, null, day("2023-07-10"), Money.ZERO, Money.ZERO, wan(80), claim.poolShare(), null)));
        fixture.given(stored(history(inDefault, claim, paid(claim, "2023-07-10", "K2"))))
                .when(new ReverseFact(FactKind.CLAIM, "K2", "申请有误"))
                .expectException(refused("factId", "claim-paid"))
                .expectNoEvents();
    }

    @Test
    void aRecoveryIsReversedWhileThePoolHoldsItsPart() {
        List<Object> compensated = history(withSecondLoan(), defaulted(bad, "2023-06-01", "2023-07-01", wan(80)));
        var claim = claimed("K2", bad, "2023-07-10");
        compensated = history(compensated, contributed("C2", YUBEI, wan(100), "2023-07-01"), claim,
                paid(claim, "2023-07-10", "K2"));
        var recovery = recovered("V1", bad, wan(10), wan(8), "2023-09-01");
        fixture.given(stored(history(compensated, recovery)))
                .when(new ReverseFact(FactKind.RECOVERY, "V1", "重复"))
                .expectEventsMatching(reversal(new FactReversed(FactKind.RECOVERY, "V1", "any", "重复", "L2", null, BANK,
                        YUBEI, null, day("2023-09-01"), Money.ZERO, Money.ZERO, wan(10), wan(8), null)));
    }

    @Test
    void anEvaluationIsReversedOnlyWhileNoLoanStandsOnItsGrade() {
        fixture.given(stored(history()))
                .when(new ReverseFact(FactKind.EVALUATION, ENT_1 + "@2023-01-10", "评价有误"))
                .expectException(refused("factId", "evaluation-in-use"))
                .expectNoEvents();
        List<Object> evaluatedOnly = history(history(), evaluated(ENT_2, YUBEI, Grade.A, "2023-01-10"));
        FactReversed expected = new FactReversed(FactKind.EVALUATION, ENT_2 + "@2023-01-10", "any", "评价有误", null,
                ENT_2, null, YUBEI, null, day("2023-01-10"), Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, null);
        fixture.given(stored(evaluatedOnly))
                .when(new ReverseFact(FactKind.EVALUATION, ENT_2 + "@2023-01-10", "评价有误"))
                .expectEventsMatching(reversal(expected));
        fixture.given(stored(history(evaluatedOnly, expected)))
                .when(issue("L9", BANK, ENT_2, YUBEI, wan(10), "2023-03-01"))
                .expectException(refused("issuedOn", "no-valid-grade"))
                .expectNoEvents();
        fixture.given(stored(evaluatedOnly))
                .when(new ReverseFact(FactKind.EVALUATION, ENT_2 + "@2023-01-11", "评价有误"))
                .expectException(notFound("factId", "unknown-fact"))
                .expectNoEvents();
    }

    @Test
    void aReSentCorrectionIsADuplicateEvenAfterItsCorrectedFactTookTheSameKey() {
        LoanDefaulted wrong = defaulted(bad, "2023-06-01", "2023-07-01", wan(80));
        LoanDefaulted right = defaulted(bad, "2023-06-01", "2023-07-15", wan(80));
        FactReversed reversal = reversed(FactKind.DEFAULT, "L2", "宣告日期错误", "L2", ENT_2, "2023-07-01", wan(80),
                Money.ZERO, Money.ZERO, "L2");
        List<Object> corrected = history(withSecondLoan(), wrong, reversal, right);
        DeclareDefault correctDates = new DeclareDefault("L2", day("2023-06-01"), day("2023-07-15"));
        fixture.given(stored(corrected))
                .when(new ReverseFact(FactKind.DEFAULT, "L2", "宣告日期错误", correctDates))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        // the re-recorded default is a fact of its own: another correction may reverse it
        fixture.given(stored(corrected))
                .when(new ReverseFact(FactKind.DEFAULT, "L2", "并未违约"))
                .expectEventsMatching(reversal(reversed(FactKind.DEFAULT, "L2", "并未违约", "L2", ENT_2, "2023-07-15",
                        wan(80), Money.ZERO, Money.ZERO, null)));
        // while a reversed default not recorded again cannot be reversed for another reason
        fixture.given(stored(history(withSecondLoan(), wrong, reversal)))
                .when(new ReverseFact(FactKind.DEFAULT, "L2", "另一个理由"))
                .expectException(conflict("factId", "id-conflict"))
                .expectNoEvents();
    }

    // ------------------------------------------------------------ the pool on every date

    private final LoanIssued big = issued("L3", ENT_3, wan(100), "2023-03-01");

    @Test
    void aBackDatedClaimIsPaidOnlyFromTheDateThePoolHoldsTheMoney() {
        // C1 50万 since 2023-01-01 (in the history), C9 100万 from 2023-09-01; the claim of 2023-07-10 needs 64万
        List<Object> inDefault = history(withSecondLoan(), defaulted(bad, "2023-06-01", "2023-07-01", wan(80)),
                contributed("C9", YUBEI, wan(100), "2023-09-01"));
        var claim = claimed("K2", bad, "2023-07-10");
        fixture.given(stored(inDefault))
                .when(new cn.cq.fundledger.credit.api.ClaimCompensation("K2", "L2", day("2023-07-10")))
                .expectEvents(claim, paid(claim, "2023-09-01", "K2"));
    }

    @Test
    void theClaimsBehindAReversedClaimArePaidNoEarlierThanThePoolHoldsTheirMoney() {
        var first = claimed("K1", big, "2023-07-10"); // 80万: waits (the pool holds 50万, then 75万)
        var second = claimed("K2", bad, "2023-07-20"); // 64万: waits behind it
        List<Object> waiting = history(withSecondLoan(), evaluated(ENT_3, YUBEI, Grade.A, "2023-01-10"), big,
                defaulted(big, "2023-06-01", "2023-07-01", wan(100)), first,
                defaulted(bad, "2023-06-01", "2023-07-01", wan(80)), second,
                contributed("C9", YUBEI, wan(25), "2023-09-01"));
        fixture.given(stored(waiting))
                .when(new ReverseFact(FactKind.CLAIM, "K1", "申请有误"))
                .expectEventsMatching(twoEvents(linked(new FactReversed(FactKind.CLAIM, "K1", "any", "申请有误", "L3",
                        null, BANK, YUBEI, null, day("2023-07-10"), Money.ZERO, Money.ZERO, wan(100),
                        first.poolShare(), null)), org.hamcrest.Matchers.equalTo(paid(second, "2023-09-01", "K1"))));
    }

    @Test
    void aContributionIsNotReversedWhenThePoolWouldHaveBeenShortOnAnyDateSince() {
        LoanIssued small = issued("L4", ENT_3, wan(50), "2023-03-01");
        var claim = claimed("K3", small, "2023-07-10"); // 40万, paid from C1's 50万
        List<Object> spentThenRefilled = history(history(), evaluated(ENT_3, YUBEI, Grade.A, "2023-01-10"), small,
                defaulted(small, "2023-06-01", "2023-07-01", wan(50)), claim, paid(claim, "2023-07-10", "K3"),
                contributed("C2", YUBEI, wan(60), "2023-09-01"));
        // today the pool holds 70万, but as of 2023-08-01 it would hold -40万 without C1
        fixture.given(stored(spentThenRefilled))
                .when(new ReverseFact(FactKind.CONTRIBUTION, "C1", "金额录入错误"))
                .expectException(refused("factId", "pool-balance-used"))
                .expectNoEvents();
        fixture.given(stored(spentThenRefilled))
                .when(new ReverseFact(FactKind.CONTRIBUTION, "C2", "金额录入错误"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aReversalForTheSameReasonOfADefaultDeclaredAgainSinceReversesTheNewDefault() {
        LoanDefaulted first = defaulted(bad, "2023-06-01", "2023-07-01", wan(80));
        FactReversed reversal = reversed(FactKind.DEFAULT, "L2", "错误", "L2", ENT_2, "2023-07-01", wan(80),
                Money.ZERO, Money.ZERO, null);
        LoanDefaulted second = defaulted(bad, "2023-08-01", "2023-09-01", wan(80));
        fixture.given(stored(history(withSecondLoan(), first, reversal, second)))
                .when(new ReverseFact(FactKind.DEFAULT, "L2", "错误"))
                .expectEventsMatching(reversal(reversed(FactKind.DEFAULT, "L2", "错误", "L2", ENT_2, "2023-09-01",
                        wan(80), Money.ZERO, Money.ZERO, null)));
    }

    @Test
    void recoveriesOfALoanAreReversedNewestFirst() {
        List<Object> compensated = history(withSecondLoan(), defaulted(bad, "2023-06-01", "2023-07-01", wan(80)),
                contributed("C2", YUBEI, wan(100), "2023-07-01"));
        var claim = claimed("K2", bad, "2023-07-10");
        List<Object> recovered = history(compensated, claim, paid(claim, "2023-07-10", "K2"),
                recovered("V1", bad, wan(10), wan(8), "2023-09-01"), recovered("V2", bad, wan(5), wan(4), "2023-10-01"));
        fixture.given(stored(recovered))
                .when(new ReverseFact(FactKind.RECOVERY, "V1", "重复"))
                .expectException(refused("factId", "reverse-later-facts-first"))
                .expectNoEvents();
        fixture.given(stored(recovered))
                .when(new ReverseFact(FactKind.RECOVERY, "V2", "重复"))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void anEvaluationAGuidedLoanStandsOnIsInUse() {
        List<Object> guidedOnly = history(OPENED, bank(BANK), generalRatio("2017-01-01", 8000),
                evaluated(ENT_1, YUBEI, Grade.A, "2023-01-10"), guided);
        fixture.given(stored(guidedOnly))
                .when(new ReverseFact(FactKind.EVALUATION, ENT_1 + "@2023-01-10", "评价有误"))
                .expectException(refused("factId", "evaluation-in-use"))
                .expectNoEvents();
    }

    @Test
    void anEvaluationStaysInUseByItsLoansWhenALaterOneIsBackDatedBeforeThem() {
        // L1 (issued 2023-02-01) stands on the evaluation of 2023-01-10; one dated 2023-01-20 is recorded later
        fixture.given(stored(history(history(), evaluated(ENT_1, YUBEI, Grade.B, "2023-01-20"))))
                .when(new ReverseFact(FactKind.EVALUATION, ENT_1 + "@2023-01-10", "评价有误"))
                .expectException(refused("factId", "evaluation-in-use"))
                .expectNoEvents();
    }
}
