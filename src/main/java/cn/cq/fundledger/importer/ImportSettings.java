package cn.cq.fundledger.importer;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The bounds of an import ({@code fundledger.import.*}): what a file, a bundle and a zip entry may hold
 * (beyond that: 413), how many rows an import may hold, how many refused rows an answer lists, how many
 * commands form one chunk of the import's transaction, and where rows are spooled while they are sorted.
 *
 * @param maxFileSize     one file, request body, multipart part or zip entry (unpacked)
 * @param maxBundleSize   all files of one import together (unpacked)
 * @param maxRows         rows of one import, all files together
 * @param maxListedErrors refused rows and file problems listed in an answer (all are counted)
 * @param chunkSize       commands per unit of work inside the import's one transaction
 * @param waitForWrites   how long an import waits for running commands or another import
 * @param spoolDirectory  where the checked rows wait on disk until they are applied (deleted after)
 */
@ConfigurationProperties("fundledger.import")
public record ImportSettings(@DefaultValue("256MB") DataSize maxFileSize,
                             @DefaultValue("1GB") DataSize maxBundleSize,
                             @DefaultValue("2000000") int maxRows,
                             @DefaultValue("1000") int maxListedErrors,
                             @DefaultValue("1000") int chunkSize,
                             @DefaultValue("10m") Duration waitForWrites,
                             Path spoolDirectory) {

    public ImportSettings {
        if (chunkSize < 1 || chunkSize > 50_000) {
            throw new IllegalArgumentException("fundledger.import.chunk-size must be between 1 and 50000");
        }
        if (spoolDirectory == null) {
            spoolDirectory = Path.of(System.getProperty("java.io.tmpdir"), "fund-ledger-import");
        }
    }
}
