package net.v6mostly.xlat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Graybox exchanges where v6mostly follows the RFCs and so differs from Jool's expected bytes.
 * Each entry asserts our behaviour instead; docs/conformance/jool-graybox.md cites the RFC
 * sentence for each.
 */
final class GrayboxDeviations {
    /** An alternative assertion for one exchange. */
    interface Deviation {
        void check(Path corpus, GrayboxCorpus.Exchange x, List<byte[]> actual) throws IOException;
    }

    private static final Map<String, Deviation> DEVIATIONS = Map.of();

    private GrayboxDeviations() {
    }

    static Deviation forExchange(String id) {
        return DEVIATIONS.get(id);
    }
}
