package io.github.rollbacksafety.query.javasource;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParallelParseTest {

    @Test
    void resultsArriveInIndexOrderOnTheCallingThreadWhateverHowLongEachTakes() {
        var consumed = new ArrayList<Integer>();
        var threads = Collections.synchronizedSet(new HashSet<String>());
        var caller = Thread.currentThread();
        ParallelParse.inOrder(500, i -> {
            threads.add(Thread.currentThread().getName());
            busy(ThreadLocalRandom.current().nextInt(50_000));
            return i;
        }, i -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            consumed.add(i);
        });
        assertThat(consumed).isEqualTo(IntStream.range(0, 500).boxed().toList());
        if (Runtime.getRuntime().availableProcessors() > 1) {
            assertThat(threads).as("helpers work too").hasSizeGreaterThan(1);
        }
    }

    @Test
    void noWorkAndOneItemNeedNoHelpers() {
        var consumed = new ArrayList<Integer>();
        ParallelParse.inOrder(0, i -> i, consumed::add);
        ParallelParse.inOrder(1, i -> i + 41, consumed::add);
        assertThat(consumed).containsExactly(41);
    }

    @Test
    void aFailingItemFailsTheCallAfterTheItemsBeforeIt() {
        var consumed = new ArrayList<Integer>();
        assertThatThrownBy(() -> ParallelParse.inOrder(100, i -> {
            if (i == 60) {
                throw new IllegalStateException("item 60");
            }
            return i;
        }, consumed::add)).isInstanceOf(IllegalStateException.class).hasMessage("item 60");
        assertThat(consumed).isEqualTo(IntStream.range(0, 60).boxed().toList());
    }

    private static long busy(int n) {
        long x = 0;
        for (int i = 0; i < n; i++) {
            x += i * 31L;
        }
        return x;
    }

}
