package io.divconq.gateway.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.divconq.avro.AnswerState;
import io.divconq.avro.TokenUsage;
import java.util.Locale;
import java.util.Optional;

/** Writes answers as JSON: the native reply, the {@code divconq} object of chat replies, and OpenAI chat (chunk) shapes. */
public final class AnswerJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private AnswerJson() {
    }

    /** The native reply of /v1/answers: everything known about the problem. */
    public static ObjectNode answer(AnswerState s, boolean cached) {
        ObjectNode o = F.objectNode();
        o.put("id", s.getProblemId());
        o.put("object", "divconq.answer");
        o.put("question", s.getQuestion());
        o.put("answer", s.getFinalAnswer());
        o.set("usage", usage(s));
        o.setAll(divconq(s, cached));
        return o;
    }

    /** What chat replies add under {@code divconq}: arm, subquestions, cost split, problem id, status. */
    public static ObjectNode divconq(AnswerState s, boolean cached) {
        ObjectNode o = F.objectNode();
        o.put("problem_id", s.getProblemId());
        o.put("status", s.getStatus().name().toLowerCase(Locale.ROOT));
        o.put("experiment", s.getExperiment());
        o.put("arm", s.getArm());
        ArrayNode subs = o.putArray("subquestions");
        s.getSubquestions().forEach(subs::add);
        ObjectNode cost = o.putObject("cost_usd");
        if (s.getCostUsdDecompose() != null && s.getCostUsdSolve() != null) {
            cost.put("decompose", usd(s.getCostUsdDecompose()));
            cost.put("solve", usd(s.getCostUsdSolve()));
            cost.put("total", usd(totalCost(s).orElseThrow()));
        }
        o.put("cached", cached);
        o.put("simulated", s.getSimulated());
        if (s.getFailureReason() != null) {
            ObjectNode f = o.putObject("failure");
            f.put("stage", s.getFailureStage());
            f.put("reason", s.getFailureReason());
        }
        return o;
    }

    /** An OpenAI chat completion whose content is the final answer. */
    public static ObjectNode chatCompletion(AnswerState s, String model, boolean cached) {
        ObjectNode o = chatEnvelope(s, model, "chat.completion");
        ObjectNode choice = o.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", s.getFinalAnswer());
        message.putNull("refusal");
        choice.putNull("logprobs");
        choice.put("finish_reason", "stop");
        o.set("usage", usage(s));
        o.set("divconq", divconq(s, cached));
        return o;
    }

    /** A streaming chunk: {@code delta} for choice 0 (null: a chunk without choices), finish reason, divconq extras. */
    public static ObjectNode chunk(AnswerState s, String model, ObjectNode delta, String finishReason, ObjectNode extras) {
        ObjectNode o = chatEnvelope(s, model, "chat.completion.chunk");
        ArrayNode choices = o.putArray("choices");
        if (delta != null) {
            ObjectNode c = choices.addObject();
            c.put("index", 0);
            c.set("delta", delta);
            c.putNull("logprobs");
            c.put("finish_reason", finishReason);
        }
        if (extras != null) o.set("divconq", extras);
        return o;
    }

    public static ObjectNode delta(String role, String content) {
        ObjectNode d = F.objectNode();
        if (role != null) d.put("role", role);
        if (content != null) d.put("content", content);
        return d;
    }

    /** Tokens of decomposition and solving together, as OpenAI reports them, with the split alongside. */
    public static ObjectNode usage(AnswerState s) {
        ObjectNode u = F.objectNode();
        TokenUsage d = s.getDecomposeUsage();
        TokenUsage v = s.getSolveUsage();
        long prompt = d.getPromptTokens() + v.getPromptTokens();
        long completion = d.getCompletionTokens() + v.getCompletionTokens();
        u.put("prompt_tokens", prompt);
        u.put("completion_tokens", completion);
        u.put("total_tokens", prompt + completion);
        u.set("divconq_decompose", tokens(d));
        u.set("divconq_solve", tokens(v));
        return u;
    }

    /** Dollars to the picodollar, so sums of prices print as 2.06E-5, not 2.0600000000000003E-5. */
    static double usd(double dollars) {
        return Math.round(dollars * 1e12) / 1e12;
    }

    public static Optional<Double> totalCost(AnswerState s) {
        if (s.getCostUsdDecompose() == null || s.getCostUsdSolve() == null) return Optional.empty();
        return Optional.of(s.getCostUsdDecompose() + s.getCostUsdSolve());
    }

    private static ObjectNode tokens(TokenUsage t) {
        ObjectNode o = F.objectNode();
        o.put("prompt_tokens", t.getPromptTokens());
        o.put("completion_tokens", t.getCompletionTokens());
        return o;
    }

    private static ObjectNode chatEnvelope(AnswerState s, String model, String object) {
        ObjectNode o = F.objectNode();
        o.put("id", "chatcmpl-" + s.getProblemId());
        o.put("object", object);
        o.put("created", (s.getCreatedAtMs() > 0 ? s.getCreatedAtMs() : System.currentTimeMillis()) / 1000);
        o.put("model", model);
        o.putNull("system_fingerprint");
        return o;
    }
}
