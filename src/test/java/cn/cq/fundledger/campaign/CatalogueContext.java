package cn.cq.fundledger.campaign;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The one ledger the bad-input classes share (Spring caches the context): its own in-memory database, no reference
 * data, and multipart parts bounded at 1 MB (the production bound is configuration) so that a 413 need not send a
 * hundred megabytes. Only refusals and facts with fresh ids are sent to it, and every case counts the events around
 * its own request, so the classes do not disturb one another. Passwords stay cheap ({@link CheapPasswords}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:campaign-catalogue;DB_CLOSE_DELAY=-1",
                "fundledger.reference-data.load=false",
                "spring.servlet.multipart.max-file-size=1MB", "spring.servlet.multipart.max-request-size=2MB"})
@Import(CheapPasswords.class)
@interface CatalogueContext {
}
