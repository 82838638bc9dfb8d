package io.divconq.util;

import static io.divconq.util.ProcessDefaults.COMMON_POOL_PARALLELISM;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProcessDefaultsTest {

    private String saved;

    @BeforeEach
    void save() {
        saved = System.getProperty(COMMON_POOL_PARALLELISM);
    }

    @AfterEach
    void restore() {
        if (saved == null) System.clearProperty(COMMON_POOL_PARALLELISM);
        else System.setProperty(COMMON_POOL_PARALLELISM, saved);
    }

    @Test
    void givesTheCommonPoolAtLeastTwoThreadsSoAsyncStagesDoNotStartAThreadEach() {
        System.clearProperty(COMMON_POOL_PARALLELISM);
        ProcessDefaults.apply();
        assertThat(Integer.parseInt(System.getProperty(COMMON_POOL_PARALLELISM))).isGreaterThanOrEqualTo(2);
        assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
    }

    @Test
    void keepsAnExplicitSetting() {
        System.setProperty(COMMON_POOL_PARALLELISM, "7");
        ProcessDefaults.apply();
        assertThat(System.getProperty(COMMON_POOL_PARALLELISM)).isEqualTo("7");
    }
}
