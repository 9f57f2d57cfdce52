package cn.cq.fundledger.system.web;

import cn.cq.fundledger.system.ProjectionConsistency;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * The reads a page repeats, kept while the ledger holds the same events. A report is a function of the events
 * stored (the projections are deterministic, and positions are handed out in commit order, see
 * {@code SerialAppendStorageEngine}), so a read answered completely when the newest event was at position
 * {@code p} gives the same answer as long as the newest event is still {@code p}: the page shows it again without
 * asking the database. A new event, a correction or an import moves the position and the next read asks again.
 * Only complete answers are kept (not those given while the projections were catching up or being rebuilt).
 *
 * <p>The reports behind the program pages read the whole movement tables (a portfolio by district takes about a
 * second on the reference dataset); this is what lets those pages come back within the 300 ms the dashboard
 * promises once they have been shown.
 */
@Component
public class PageMemo {

    /** How many reads are kept, the least recently used dropped first. */
    static final int CAPACITY = 128;

    private final ProjectionConsistency consistency;
    private final Map<List<Object>, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<List<Object>, Entry> eldest) {
            return size() > CAPACITY;
        }
    };

    public PageMemo(ProjectionConsistency consistency) {
        this.consistency = consistency;
    }

    /** A read's answer and whether it holds every event stored when it was asked. */
    public record Read<T>(T value, boolean consistent) {
    }

    private record Entry(long position, Object value) {
    }

    /**
     * The answer of {@code read} through {@code consistent} (which waits for the projections it reads), or the one
     * kept for the same key while no event has been stored since.
     *
     * @param key what is read and with which parameters, e.g. {@code "credit-portfolio", "DISTRICT", asOf, null}
     */
    @SuppressWarnings("unchecked")
    public <T> Read<T> read(Consistent consistent, Supplier<T> read, Object... key) {
        List<Object> id = Arrays.asList(key.clone());
        long position = consistency.head();
        Entry kept;
        synchronized (entries) {
            kept = entries.get(id);
        }
        if (kept != null && kept.position() == position) {
            return new Read<>((T) kept.value(), true);
        }
        ResponseEntity<T> answer = consistent.answer(read);
        boolean complete = "true".equals(answer.getHeaders().getFirst("X-Ledger-Consistent"));
        boolean rebuilding = "true".equals(answer.getHeaders().getFirst("X-Ledger-Rebuilding"));
        if (complete && !rebuilding) {
            synchronized (entries) {
                entries.put(id, new Entry(position, answer.getBody()));
            }
        }
        return new Read<>(answer.getBody(), complete);
    }

    /**
     * As {@link #read(Consistent, Supplier, Object...)}, for a page: when the answer is not complete, the model's
     * {@code consistent} turns false (the {@code notConsistent} notice of the layout shows).
     */
    public <T> T read(org.springframework.ui.Model model, Consistent consistent, Supplier<T> read, Object... key) {
        Read<T> answer = read(consistent, read, key);
        if (!answer.consistent()) {
            model.addAttribute("consistent", false);
        }
        return answer.value();
    }
}
