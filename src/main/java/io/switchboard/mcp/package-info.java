/**
 * The AI side's doors over the chat capabilities: one list of tool definitions ({@link io.switchboard.mcp.ChatTools})
 * served as an MCP server at {@code /mcp} and as function-calling schemas at {@code /api/v1/tools}. Every tool call
 * runs the chat API's own route, so a tool has the REST API's authorization, projections, caching, degradation and
 * error codes, and no vendor logic of its own.
 */
package io.switchboard.mcp;
