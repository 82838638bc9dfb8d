package io.divconq.launcher.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's Chromium, headless: loads a page, runs its scripts, returns the resulting DOM. */
public final class HeadlessChromium {

    private HeadlessChromium() {
    }

    /** The chromium binary; the test is skipped where it is not installed (.ci/run installs it). */
    public static Path binary() {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")) {
            if (Files.isExecutable(Path.of(candidate))) return Path.of(candidate);
        }
        Skip.unless(false, "Chromium is not installed (apt-get install chromium chromium-driver)");
        return null;
    }

    /** The DOM after the page's scripts ran for up to {@code budgetMs} of virtual time. */
    public static String dumpDom(String url, int budgetMs) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile-");
        Process p = new ProcessBuilder(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--virtual-time-budget=" + budgetMs, "--dump-dom", url)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) p.destroyForcibly();
        return new String(out, StandardCharsets.UTF_8);
    }
}
