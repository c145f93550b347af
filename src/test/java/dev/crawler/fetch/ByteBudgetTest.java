package dev.crawler.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ByteBudgetTest {
    @Test
    void grantsWhatFitsAndKeepsTheRestWaitingUntilRoomIsMade() {
        ByteBudget budget = new ByteBudget(100);
        ByteBudget.Lease oldest = budget.open();
        ByteBudget.Lease young = budget.open();
        List<String> order = new ArrayList<>();
        oldest.reserveThen(60, () -> order.add("oldest 60"));
        young.reserveThen(30, () -> order.add("young 30"));
        young.reserveThen(30, () -> order.add("young 30 more")); // 120 > 100: waits
        assertThat(order).containsExactly("oldest 60", "young 30");
        assertThat(budget.used()).isEqualTo(90);
        oldest.close(); // its 60 back: the young lease's grant runs, on this thread
        assertThat(order).containsExactly("oldest 60", "young 30", "young 30 more");
        assertThat(young.held()).isEqualTo(60);
        assertThat(budget.peak()).isEqualTo(90);
    }

    @Test
    void theOldestLeaseNeverWaitsSoTheBudgetIsPassedByOneLeaseAtMost() {
        ByteBudget budget = new ByteBudget(100);
        ByteBudget.Lease oldest = budget.open();
        ByteBudget.Lease young = budget.open();
        AtomicBoolean youngGranted = new AtomicBoolean();
        young.reserveThen(90, () -> {});
        oldest.reserveThen(500, () -> {}); // far past the budget, yet granted: it is the oldest
        assertThat(oldest.held()).isEqualTo(500);
        young.reserveThen(20, () -> youngGranted.set(true));
        assertThat(youngGranted).isFalse();
        oldest.close(); // now the young one is the oldest: it never waits
        assertThat(youngGranted).isTrue();
        assertThat(budget.peak()).isEqualTo(590);
        young.close();
        assertThat(budget.used()).isZero();
    }

    @Test
    void aClosedLeaseDropsItsWaitingGrantAndGivesEverythingBack() {
        ByteBudget budget = new ByteBudget(10);
        ByteBudget.Lease first = budget.open();
        ByteBudget.Lease second = budget.open();
        first.reserveThen(10, () -> {});
        AtomicBoolean ran = new AtomicBoolean();
        second.reserveThen(5, () -> ran.set(true));
        second.close();
        first.close();
        assertThat(ran).as("never run once its lease is closed").isFalse();
        assertThat(budget.used()).isZero();
        second.reserveThen(1, () -> ran.set(true));
        assertThat(ran).isFalse();
    }

    @Test
    void growToWaitsForRoomAndCanBeInterrupted() throws Exception {
        ByteBudget budget = new ByteBudget(100);
        ByteBudget.Lease first = budget.open();
        first.growTo(80);
        ByteBudget.Lease second = budget.open();
        CountDownLatch grown = new CountDownLatch(1);
        Thread waiter =
                Thread.ofVirtual()
                        .start(
                                () -> {
                                    try {
                                        second.growTo(50);
                                        grown.countDown();
                                    } catch (InterruptedException e) {
                                        Thread.currentThread().interrupt();
                                    }
                                });
        assertThat(grown.await(200, TimeUnit.MILLISECONDS)).isFalse();
        first.close();
        assertThat(grown.await(10, TimeUnit.SECONDS)).isTrue();
        waiter.join();
        assertThat(second.held()).isEqualTo(50);

        ByteBudget.Lease third = budget.open();
        Thread interrupted =
                Thread.ofVirtual()
                        .start(
                                () -> {
                                    try {
                                        third.growTo(60);
                                    } catch (InterruptedException e) {
                                        // expected
                                    }
                                });
        interrupted.interrupt();
        interrupted.join();
        second.close();
        assertThat(third.held()).as("an interrupted wait takes nothing").isZero();
        assertThat(budget.used()).isZero();
    }

    @Test
    void refusesAnEmptyBudget() {
        assertThatThrownBy(() -> new ByteBudget(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
