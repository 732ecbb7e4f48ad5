package io.github.rollbacksafety.query.javasource;

import java.util.ArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Runs independent work items on every core while their results are consumed one at a time, in index order, on
 * the calling thread. The caller also works: when the next result is not ready and nobody has started it, the
 * caller computes it itself, so one core or a busy machine never waits on a helper thread. Helpers stay at most
 * {@link #LOOKAHEAD_PER_THREAD} items per thread ahead of the consumer, which bounds the results held at once.
 */
final class ParallelParse {

    static final int LOOKAHEAD_PER_THREAD = 8;

    private ParallelParse() {
    }

    static <T> void inOrder(int count, IntFunction<T> work, Consumer<T> consume) {
        int helpers = Math.min(Runtime.getRuntime().availableProcessors(), count / 2);
        var tasks = new AtomicReferenceArray<FutureTask<T>>(count);
        for (int i = 0; i < count; i++) {
            int index = i;
            tasks.set(i, new FutureTask<>(() -> work.apply(index)));
        }
        var next = new AtomicInteger();
        var consumed = new AtomicInteger();
        int lookahead = LOOKAHEAD_PER_THREAD * Math.max(1, helpers);
        var threads = new ArrayList<Thread>(helpers);
        for (int h = 0; h < helpers; h++) {
            var thread = new Thread(() -> {
                for (int i; (i = next.getAndIncrement()) < count; ) {
                    while (i - consumed.get() > lookahead) {
                        synchronized (consumed) {
                            if (i - consumed.get() > lookahead) {
                                try {
                                    consumed.wait(50);
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                        }
                    }
                    var task = tasks.get(i);
                    if (task != null) { // null: the consumer already took it
                        task.run();
                    }
                }
            }, "rollback-safety-parse-" + h);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        try {
            for (int i = 0; i < count; i++) {
                var task = tasks.get(i);
                task.run(); // no-op when a helper ran it or is running it
                T result;
                try {
                    result = task.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof Error error) {
                        throw error;
                    }
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while reading Java sources", e);
                }
                tasks.set(i, null);
                consumed.incrementAndGet();
                synchronized (consumed) {
                    consumed.notifyAll();
                }
                consume.accept(result);
            }
        } finally {
            next.set(count);
            threads.forEach(Thread::interrupt);
        }
    }
}
