package cn.cq.fundledger.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** A link is SHA-256 over the previous hash and the canonical content, however it is computed. */
class EventChainLinkTest {

    private static final EventChain.StoredEvent EVENT = new EventChain.StoredEvent(7, "e-1", "kv-credit", 3,
            "CreditProgram", "cn.cq.fundledger.credit.api.LoanIssued", null, "2026-12-03T08:00:00Z",
            "{\"loanId\":\"L1\",\"principal\":200000000}".getBytes(StandardCharsets.UTF_8), null);

    @Test
    void theLinkerHashesTheCanonicalBytesOneLinkAfterAnother() throws Exception {
        EventChain.Linker linker = new EventChain.Linker();
        String first = linker.link(EventChain.GENESIS, EVENT);
        assertThat(first).isEqualTo(sha256(EventChain.GENESIS, EventChain.canonical(EVENT)));
        EventChain.StoredEvent next = new EventChain.StoredEvent(8, "e-2", "kv-credit", 4, "CreditProgram",
                "cn.cq.fundledger.credit.api.LoanRepaid", "2", "2026-12-03T08:00:01Z", new byte[0],
                "{\"user\":\"operator\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(linker.link(first, next)).isEqualTo(sha256(first, EventChain.canonical(next)))
                .isEqualTo(EventChain.link(first, next));
    }

    @Test
    void anEmptyFieldAndAMissingOneHashDifferently() {
        EventChain.StoredEvent empty = new EventChain.StoredEvent(7, "e-1", "kv-credit", 3, "CreditProgram",
                "cn.cq.fundledger.credit.api.LoanIssued", null, "2026-12-03T08:00:00Z", EVENT.payload(), new byte[0]);
        assertThat(EventChain.link(EventChain.GENESIS, empty)).isNotEqualTo(EventChain.link(EventChain.GENESIS, EVENT));
    }

    private static String sha256(String previous, byte[] canonical) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(previous.getBytes(StandardCharsets.US_ASCII));
        sha.update(canonical);
        return HexFormat.of().formatHex(sha.digest());
    }
}
