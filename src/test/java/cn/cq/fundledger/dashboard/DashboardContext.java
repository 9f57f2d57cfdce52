package cn.cq.fundledger.dashboard;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The one ledger the browser tests share (Spring caches the context): its own in-memory database holding the
 * reference dataset, loaded on start as a newcomer's first start loads it, so that the pages show the published
 * figures.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:dashboard;DB_CLOSE_DELAY=-1",
                "fundledger.reference-data.load=true", "fundledger.consistency.wait=3m"})
public @interface DashboardContext {
}
