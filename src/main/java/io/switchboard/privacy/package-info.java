/** What the hub keeps, and for how long: retention of its own records, purged on one instance at a time. */
package io.switchboard.privacy;
