package io.divconq.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EndpointConfigTest {

    @Test
    void defaults() {
        EndpointConfig config = EndpointConfig.of("solver", "http://localhost:11434/v1");

        assertThat(config.apiKeyEnv()).isNull();
        assertThat(config.maxInFlight()).isEqualTo(64);
        assertThat(config.callTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(config.retry()).isEqualTo(RetryPolicy.DEFAULT);
        assertThat(config.requestsPerSecond()).isZero();
        assertThat(config.tokensPerMinute()).isZero();
    }

    @Test
    void chatCompletionsUriWithAndWithoutTrailingSlash() {
        assertThat(EndpointConfig.of("a", "http://localhost:11434/v1").chatCompletionsUri())
                .isEqualTo(URI.create("http://localhost:11434/v1/chat/completions"));
        assertThat(EndpointConfig.of("a", "http://localhost:11434/v1/").chatCompletionsUri())
                .isEqualTo(URI.create("http://localhost:11434/v1/chat/completions"));
    }

    @Test
    void blankKeyVariableMeansNoAuthentication() {
        assertThat(EndpointConfig.of("a", "http://x/v1").withApiKeyEnv("  ").apiKeyEnv()).isNull();
    }

    @Test
    void toStringNamesTheKeyVariableOnly() {
        EndpointConfig config = EndpointConfig.of("teacher", "https://api.openai.com/v1").withApiKeyEnv("OPENAI_API_KEY");

        assertThat(config.toString()).contains("teacher", "OPENAI_API_KEY");
    }

    @Test
    void rejectsInvalidSettings() {
        EndpointConfig config = EndpointConfig.of("a", "http://x/v1");

        assertThatThrownBy(() -> config.withMaxInFlight(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.withCallTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.withRequestsPerSecond(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> config.withTokensPerMinute(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EndpointConfig.of("a", "ftp://x/v1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EndpointConfig.of("a", "http://user:pw@x/v1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("pw");
    }
}
