package io.github.rollbacksafety.report;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A format that is a JSON document: built as a Jackson tree, written the same way by every JSON format. */
interface JsonView extends ReportView {

    /** The document as a tree, fields in output order. */
    ObjectNode tree(ReportData data);

    @Override
    default String render(ReportData data) {
        return JsonOutput.write(tree(data));
    }
}
