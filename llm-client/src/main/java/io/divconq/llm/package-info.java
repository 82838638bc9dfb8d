/**
 * Asynchronous client for OpenAI-compatible chat-completions endpoints (vLLM, Ollama, llama.cpp server, OpenAI).
 *
 * <p>{@link io.divconq.llm.ModelEndpoint} sends {@link io.divconq.llm.ChatRequest}s with client-side rate limits,
 * a per-call timeout and retries with backoff; {@link io.divconq.llm.InFlightLimiter} is the per-endpoint bound
 * that callers take once per job to apply backpressure.
 */
package io.divconq.llm;
