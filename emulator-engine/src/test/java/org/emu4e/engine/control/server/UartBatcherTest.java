package org.emu4e.engine.control.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.junit.jupiter.api.Test;

class UartBatcherTest {
    private static String joined(List<String> parts) {
        return String.join("", parts);
    }

    private static void awaitLength(List<String> parts, int chars) throws InterruptedException {
        for (int i = 0; i < 500 && joined(parts).length() < chars; i++) {
            Thread.sleep(2);
        }
    }

    @Test
    void bigOutputComesInSlicesOfAtMostOneBatchAndNothingIsLost() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        List<String> parts = new CopyOnWriteArrayList<>();
        UartBatcher b = new UartBatcher(timer, parts::add);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            String line = "line " + i + " é\n";
            expected.append(line);
            b.accept(line.getBytes(StandardCharsets.UTF_8));
        }
        awaitLength(parts, expected.length());
        timer.shutdownNow();
        assertEquals(expected.toString(), joined(parts));
        for (String p : parts) {
            assertTrue(p.getBytes(StandardCharsets.UTF_8).length <= UartBatcher.BATCH_BYTES + 3, "slice too big");
        }
        assertTrue(parts.size() > 1);
    }

    @Test
    void aCharacterSplitAcrossWritesAndBatchesStaysWhole() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        List<String> parts = new CopyOnWriteArrayList<>();
        UartBatcher b = new UartBatcher(timer, parts::add);
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        b.accept(new byte[] {euro[0]});
        Thread.sleep(3 * UartBatcher.FLUSH_MILLIS); // a flush happens between the bytes
        b.accept(new byte[] {euro[1], euro[2], '!'});
        awaitLength(parts, 2);
        timer.shutdownNow();
        assertEquals("€!", joined(parts));
    }
}
