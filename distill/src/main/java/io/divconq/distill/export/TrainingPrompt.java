package io.divconq.distill.export;

import io.divconq.avro.DistillExample;
import io.divconq.avro.Problem;
import io.divconq.common.prompts.PromptQuestion;
import io.divconq.common.prompts.Prompts;
import io.divconq.llm.ChatMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The decomposition prompt exactly as divconq sends it for an example (from the one prompt owner), and its target. */
public record TrainingPrompt(String system, String user) {

    /** The prompt the decomposer was sent: the dataset's way of asking (with the passage for DROP), the arm's variant. */
    public static TrainingPrompt of(DistillExample e) {
        Problem asked = Problem.newBuilder().setId(e.getProblemId()).setDataset(e.getDataset()).setQuestion(e.getQuestion())
                .setContext(e.getPassage()).setCreatedAtMs(e.getDecomposedAtMs()).build();
        List<ChatMessage> messages = Prompts.decompose(PromptQuestion.of(asked), e.getPromptVariant());
        return new TrainingPrompt(content(messages, "system"), content(messages, "user"));
    }

    /** What the student learns to write: the teacher's subquestions as a numbered list, or "No decomposition". */
    public static String target(DistillExample e) {
        return Prompts.decompositionReply(e.getNoDecomposition() ? List.of() : e.getSubquestions());
    }

    /** SHA-256 of a prompt variant's template texts, so a training file names the exact prompt it was made with. */
    public static String templateHash(String variant) {
        return QuestionKey.sha256Hex(String.join("\u0000", Prompts.decomposeTemplates(variant)).getBytes(StandardCharsets.UTF_8));
    }

    private static String content(List<ChatMessage> messages, String role) {
        return messages.stream().filter(m -> m.role().equals(role)).map(ChatMessage::content).findFirst()
                .orElseThrow(() -> new IllegalStateException("the decomposition prompt has no " + role + " message"));
    }
}
