package cn.courtmediation.hub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The duplicate memory: per court and message id, in fixed memory that forgets the oldest generation. */
class RecentIdsTest {

    @Test
    void seesAMessageIdForTheFirstTimeOncePerCourt() {
        RecentIds ids = new RecentIds(1000);

        assertThat(ids.firstTime("C1", "m1")).isTrue();
        assertThat(ids.firstTime("C1", "m1")).isFalse();
        assertThat(ids.firstTime("C2", "m1")).isTrue();
        assertThat(ids.firstTime("C1m", "1")).isTrue();
    }

    @Test
    void remembersAtLeastHalfItsCapacityAndForgetsTheOldestGenerationBeyond() {
        RecentIds ids = new RecentIds(4);
        ids.firstTime("C1", "a");
        ids.firstTime("C1", "b");
        ids.firstTime("C1", "c");

        assertThat(ids.firstTime("C1", "a")).as("still in the previous generation").isFalse();

        ids.firstTime("C1", "d");

        assertThat(ids.firstTime("C1", "c")).isFalse();
        assertThat(ids.firstTime("C1", "a")).as("its generation was dropped").isTrue();
    }

    @Test
    void forgetsEverythingOnClear() {
        RecentIds ids = new RecentIds(100);
        ids.firstTime("C1", "m1");

        ids.clear();

        assertThat(ids.firstTime("C1", "m1")).isTrue();
    }
}
