package io.divconq.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final RequestParser parser = new RequestParser("teacher-vs-student");
    private final RequestParser.Headers none = new RequestParser.Headers(Optional.empty(), Optional.empty());

    @Test
    void theLastUserMessageIsTheQuestionAndMetadataBecomesAttributes() throws Exception {
        AnswerRequest r = parser.chat(json("""
                {"model": "teacher-vs-student", "user": "u7", "metadata": {"tenant": "acme"}, "timeout": 2.5, "stream": true,
                 "messages": [{"role": "user", "content": "first"}, {"role": "assistant", "content": "ok"},
                              {"role": "user", "content": [{"type": "text", "text": "How many"}, {"type": "text", "text": "legs?"}]},
                              {"role": "assistant", "content": "thinking"}]}"""), none);
        assertThat(r).isEqualTo(new AnswerRequest("How many\nlegs?", Optional.empty(), "custom", Optional.empty(),
                Map.of("tenant", "acme", "user", "u7"), List.of(), "teacher-vs-student", "teacher-vs-student", Optional.of(2500L), true));
    }

    @Test
    void headersGiveTheIdAndTheDeadline() throws Exception {
        AnswerRequest r = parser.answer(json("{\"question\": \"q\", \"gold\": [\"4\"], \"attributes\": {\"tenant\": \"t\"}}"),
                new RequestParser.Headers(Optional.of("key-1"), Optional.of("1500")));
        assertThat(r.requestedId()).contains("key-1");
        assertThat(r.timeoutMs()).contains(1500L);
        assertThat(r.gold()).containsExactly("4");
        assertThat(r.model()).isEqualTo(RequestParser.DIVCONQ_MODEL);
    }

    @Test
    void badRequestsAreRefusedWithTheParamNamed() {
        assertThatThrownBy(() -> parser.chat(json("{\"model\": \"gpt-4\", \"messages\": [{\"role\": \"user\", \"content\": \"q\"}]}"), none))
                .isInstanceOfSatisfying(ApiError.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.body().at("/error/code").asText()).isEqualTo("model_not_found");
                });
        assertThatThrownBy(() -> parser.chat(json("{\"messages\": [{\"role\": \"system\", \"content\": \"q\"}]}"), none))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.body().at("/error/param").asText()).isEqualTo("messages"));
        assertThatThrownBy(() -> parser.answer(json("{\"question\": \"q\", \"id\": \"has space\"}"), none))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThatThrownBy(() -> parser.answer(json("{\"question\": \"q\", \"id\": \"a\"}"),
                new RequestParser.Headers(Optional.of("b"), Optional.empty())))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.getMessage()).contains("differ"));
    }

    @Test
    void theFingerprintTellsARepeatFromAChangeAndTheCacheKeyFoldsCaseAndSpace() throws Exception {
        AnswerRequest a = parser.answer(json("{\"question\": \"How  many Cows?\", \"attributes\": {\"x\": \"1\", \"y\": \"2\"}}"), none);
        AnswerRequest same = parser.answer(json("{\"question\": \"How  many Cows?\", \"attributes\": {\"y\": \"2\", \"x\": \"1\"}, \"timeout\": 3}"), none);
        AnswerRequest other = parser.answer(json("{\"question\": \"How many cows?\", \"attributes\": {\"x\": \"1\", \"y\": \"2\"}}"), none);
        assertThat(same.fingerprint()).isEqualTo(a.fingerprint());
        assertThat(other.fingerprint()).isNotEqualTo(a.fingerprint());
        assertThat(other.cacheKey()).isEqualTo(a.cacheKey());
    }

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }
}
