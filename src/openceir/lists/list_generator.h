// List generation (`openceir lists`): the blacklist, per-operator notification lists and
// per-operator exception lists of a classification run, full and as deltas against a base run,
// written as DIRBS names them:
//
//   <folder>/<D>_blacklist.zip            <D>_blacklist.csv, <D>_blacklist_delta_<B>_<R>_<r>.csv
//   <folder>/<D>_notifications_<op>.zip   <D>_notifications_<op>.csv, ..._delta_<B>_<R>_<r>.csv
//   <folder>/<D>_exceptions_<op>.zip      <D>_exceptions_<op>.csv, ..._delta_<B>_<R>_<r>.csv
//   <folder>/manifest.json                counts and SHA-256 of every zip and CSV
//
// where <folder> = OUTPUT_DIR/listgen__<D>__classid_<R>, <D> = the list date as YYYYMMDD_000000,
// <R> the run, <B> the base run (-1 when none) and <r> a change reason: blacklist blocked,
// unblocked, changed; notifications new, resolved, blacklisted, no_longer_seen, changed;
// exceptions added, removed. Every delta file is written, empty ones with just their header.
//
// Semantics: imei_decisions.h (blacklist vs notification, golden list), notification_lists.h
// (triplets, routing, roamers), exception_lists.h (pairings, genuine users, barred). Rows are
// sorted by their key; removed rows of a delta show their old values.
//
// Byte-identical regeneration: lists depend only on the run, the store's history as of the
// run, the list date, the options, the operators and the network data of the look-back window;
// zips carry the list date as their time. The first generation of a (run, list date) records
// the options, the operators and the notification rows in the store (list_history.h); later
// ones are made from that record, so network data imported since (days inside the look-back
// window) and configuration changes do not change them.
#pragma once

#include "openceir/base/status.h"
#include "openceir/lists/list_request.h"
#include "openceir/store/observation_store.h"
#include "openceir/store/registry_store.h"

namespace openceir::lists {

// Generates the lists of `request`. The folder is built under a staging name and renamed into
// place at the end, so it appears complete or not at all. A first generation of (run, list date)
// is recorded in `registry` (one transaction, committed once every file is complete and before
// the rename); a later one regenerates from the record, using the recorded options and
// operators whatever the request says (ListsManifest::notes tells when they differ). Errors:
// kNotFound when the run or the base run is not a committed classification run; kInvalidInput
// for a base run not older than the run, a look-back of less than one day or a bad operator
// MCC-MNC; kAlreadyExists when the folder exists; kAborted when another process recorded the
// same generation meanwhile; kInternal for a damaged record; IoError.
Result<ListsManifest> GenerateLists(store::RegistryStore& registry,
                                    store::ObservationStore& observations,
                                    const ListRequest& request);

// The manifest as JSON (stable key order, no timestamps: it regenerates byte-identical too).
std::string ManifestJson(const ListsManifest& manifest);

}  // namespace openceir::lists
