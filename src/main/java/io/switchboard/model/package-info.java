/** Canonical records: what the core speaks, whatever vendor stands behind a capability. */
package io.switchboard.model;
