package cn.cq.fundledger.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until a test moves it. */
public final class TestClock extends Clock {

    private volatile Instant now;
    private final ZoneId zone;

    public TestClock(Instant start) {
        this(start, ZoneOffset.UTC);
    }

    public TestClock(Instant start, ZoneId zone) {
        this.now = start;
        this.zone = zone;
    }

    public void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same moving time seen in another zone. */
    @Override
    public Clock withZone(ZoneId other) {
        TestClock owner = this;
        return new Clock() {
            @Override
            public Instant instant() {
                return owner.instant();
            }

            @Override
            public ZoneId getZone() {
                return other;
            }

            @Override
            public Clock withZone(ZoneId again) {
                return owner.withZone(again);
            }
        };
    }
}
