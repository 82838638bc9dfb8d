package io.divconq.distill.export;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * How one training example is written as a JSON line. MESSAGES: {"messages": [system, user, assistant]}, which OpenAI
 * fine-tuning, Hugging Face TRL and Axolotl accept as is. SHAREGPT: FastChat's {"id", "conversations": [{"from",
 * "value"}]} with system, human and gpt turns, the format the paper trained with.
 */
public enum TrainingFormat {
    MESSAGES {
        @Override
        ObjectNode line(String id, TrainingPrompt prompt, String target) {
            ObjectNode line = JSON.objectNode();
            ArrayNode messages = line.putArray("messages");
            messages.add(message("system", prompt.system()));
            messages.add(message("user", prompt.user()));
            messages.add(message("assistant", target));
            return line;
        }
    },
    SHAREGPT {
        @Override
        ObjectNode line(String id, TrainingPrompt prompt, String target) {
            ObjectNode line = JSON.objectNode();
            line.put("id", id);
            ArrayNode turns = line.putArray("conversations");
            turns.add(turn("system", prompt.system()));
            turns.add(turn("human", prompt.user()));
            turns.add(turn("gpt", target));
            return line;
        }
    };

    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** One training line: the prompt divconq sent, and the decomposition to learn. */
    abstract ObjectNode line(String id, TrainingPrompt prompt, String target);

    static ObjectNode message(String role, String content) {
        return JSON.objectNode().put("role", role).put("content", content);
    }

    private static ObjectNode turn(String from, String value) {
        return JSON.objectNode().put("from", from).put("value", value);
    }
}
