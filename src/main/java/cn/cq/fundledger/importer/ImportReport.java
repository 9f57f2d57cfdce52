package cn.cq.fundledger.importer;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What an import did. When {@code errors} is not empty nothing was written ({@code applied} is 0). At most
 * {@code fundledger.import.max-listed-errors} errors are listed; {@code unlistedErrors} counts the others.
 */
public final class ImportReport {

    private ImportReport() {
    }

    /** One refused row, or a file or header problem (then {@code row} is 1 for the header, null for the file). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(String file, Integer row, String column, String rule, String message) {
    }

    /** The answer of {@code POST /api/imports/{kind}}. */
    public record FileReport(String kind, int rows, int applied, int duplicates, int rejected, List<Error> errors,
                             int unlistedErrors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /** Counts of one file of a bundle. */
    public record KindCount(String kind, String file, int rows, int applied, int duplicates, int rejected) {
    }

    /** The answer of {@code POST /api/imports}: counts per file and kind, errors naming file and row. */
    public record BundleReport(int files, int rows, int applied, int duplicates, int rejected, List<KindCount> kinds,
                               List<Error> errors, int unlistedErrors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }
}
