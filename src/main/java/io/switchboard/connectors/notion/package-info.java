/** Notion as a knowledge base: the pages shared with the integration, as canonical articles. */
package io.switchboard.connectors.notion;
