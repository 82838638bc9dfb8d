package io.divconq.launcher.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Skips a test for lack of something it needs, and says so in the build output (surefire only counts skips). */
public final class Skip {

    private Skip() {
    }

    public static void unless(boolean available, String reason) {
        if (!available) {
            StackWalker.StackFrame test = StackWalker.getInstance().walk(s -> s
                    .filter(f -> f.getClassName().endsWith("Test")).findFirst().orElse(null));
            System.out.println("[SKIPPED] " + (test == null ? "" : test.getClassName() + "." + test.getMethodName() + ": ") + reason);
        }
        assumeTrue(available, reason);
    }
}
