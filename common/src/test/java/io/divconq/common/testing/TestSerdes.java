package io.divconq.common.testing;

import io.divconq.common.serde.DivconqSerdes;
import java.util.Optional;
import java.util.UUID;

/** Serdes against a fresh in-memory registry (mock:// scope), as a real pipeline would use them. */
public final class TestSerdes {

    private TestSerdes() {
    }

    public static DivconqSerdes fresh() {
        return DivconqSerdes.forRegistry("mock://test-" + UUID.randomUUID(), Optional.empty());
    }
}
