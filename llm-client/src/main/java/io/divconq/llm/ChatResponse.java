package io.divconq.llm;

/**
 * A successful chat completion.
 *
 * @param content          {@code choices[0].message.content}
 * @param promptTokens     {@code usage.prompt_tokens}, 0 when the endpoint reports no usage
 * @param completionTokens {@code usage.completion_tokens}, 0 when the endpoint reports no usage
 * @param model            the model the endpoint says answered (the requested one if it does not say)
 * @param simulated        the reply carried {@code X-Divconq-Simulated: true} (set by our model simulator)
 * @param latencyMs        wall time of the whole call, including rate-limit waits and retries
 * @param attempts         HTTP attempts made, 1 when the first one succeeded
 */
public record ChatResponse(String content, long promptTokens, long completionTokens, String model,
                           boolean simulated, long latencyMs, int attempts) {

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
