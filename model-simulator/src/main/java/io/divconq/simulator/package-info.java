/**
 * The divconq model simulator: a SIMULATED OpenAI-compatible chat-completions server on loopback, so the pipeline,
 * its tests and benchmarks run without GPUs, network or model weights. It reads the project's prompt templates,
 * answers decomposition and solve prompts for known problems ({@link io.divconq.simulator.ProblemKnowledge}) with
 * seeded quality and accuracy ({@link io.divconq.simulator.ModelProfile}), and injects latency and HTTP errors.
 * Start one with {@link io.divconq.simulator.ModelSimulator#start}.
 */
package io.divconq.simulator;
