package io.divconq.common.prompts;

import io.divconq.avro.Problem;
import io.divconq.datasets.AnswerFormat;
import io.divconq.datasets.DatasetDefinition;
import io.divconq.datasets.Datasets;
import io.divconq.datasets.PromptVariant;
import io.divconq.prompts.PromptSubject;

/**
 * The question as the prompts show it: with the passage when the dataset's prompt variant asks for one (DROP),
 * and with the multi-span answer instruction when its answers are span lists.
 */
public record PromptQuestion(String question, String context, PromptVariant variant, AnswerFormat answers) {

    /** A question alone (no passage, one-span answers). */
    public static PromptQuestion plain(String question) {
        return new PromptQuestion(question, null, PromptVariant.PLAIN, AnswerFormat.TEXT);
    }

    /** A problem as its dataset's definition says it is prompted. */
    public static PromptQuestion of(Problem p) {
        DatasetDefinition d = Datasets.get(p.getDataset());
        return new PromptQuestion(p.getQuestion(), p.getContext(), d.prompt(), d.answer());
    }

    /** What the prompt texts show: the passage only when the variant shows one, spans when answers are span lists. */
    public PromptSubject subject() {
        return new PromptSubject(question, variant == PromptVariant.PASSAGE ? context : null, answers == AnswerFormat.SPANS);
    }
}
