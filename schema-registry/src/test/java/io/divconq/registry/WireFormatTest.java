package io.divconq.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WireFormatTest {

    @Test
    void headerIsMagicZeroThenBigEndianId() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WireFormat.writeHeader(out, 0x01020304);

        assertThat(out.toByteArray()).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void readsTheIdBackFromAnOffset() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(99);
        out.write(99);
        WireFormat.writeHeader(out, 0x7f00ff01);
        out.write(42);

        assertThat(WireFormat.schemaId(out.toByteArray(), 2, 6)).isEqualTo(0x7f00ff01);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4})
    void refusesRecordsShorterThanTheHeader(int length) {
        assertThatThrownBy(() -> WireFormat.schemaId(new byte[length]))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("too short")
                .hasMessageContaining(length + " bytes");
    }

    @Test
    void namesTheUnknownMagicByte() {
        assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {(byte) 0xfe, 0, 0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("magic byte 0xfe");
    }
}
