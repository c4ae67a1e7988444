// Status and Result<T>: errors as values across every component boundary.
//
// A Status is a code from a small fixed set plus a human-readable message. The code set is
// mapped once at the edges (CLI exit codes, later HTTP statuses and Diameter result codes).
// Result<T> holds either a value or a non-OK Status; it can never hold an OK Status.
#pragma once

#include <cassert>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace openceir {

enum class StatusCode {
  kOk = 0,
  kInvalidInput,        // the caller's input breaks a rule (bad file, bad argument)
  kNotFound,            // the thing asked for does not exist
  kAlreadyExists,       // creating something that is already there (e.g. re-import)
  kFailedPrecondition,  // the system is not in a state that allows the operation
  kIoError,             // a file or device failed
  kUnavailable,         // a server or resource could not be reached; may be retried
  kAborted,             // stopped on purpose (a guard tripped, a conflict)
  kInternal,            // a bug or a broken invariant
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return {}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // "INVALID_INPUT: message", or "OK".
  std::string ToString() const;

  // Explicitly drops a status that the caller decided it need not check.
  void IgnoreError() const {}

  friend bool operator==(const Status&, const Status&) = default;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

Status InvalidInputError(std::string message);
Status NotFoundError(std::string message);
Status AlreadyExistsError(std::string message);
Status FailedPreconditionError(std::string message);
Status IoError(std::string message);
Status UnavailableError(std::string message);
Status AbortedError(std::string message);
Status InternalError(std::string message);

// Result<T>: a value, or the Status saying why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}        // NOLINT(google-explicit-constructor)
  Result(Status status) : data_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    assert(!std::get<Status>(data_).ok() && "Result cannot hold an OK status");
  }

  bool ok() const { return std::holds_alternative<T>(data_); }

  // Requires ok().
  T& value() & { return std::get<T>(data_); }
  const T& value() const& { return std::get<T>(data_); }
  T&& value() && { return std::get<T>(std::move(data_)); }

  // OK when a value is held.
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(data_); }

  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> data_;
};

}  // namespace openceir

#define OPENCEIR_CONCAT_INNER_(a, b) a##b
#define OPENCEIR_CONCAT_(a, b) OPENCEIR_CONCAT_INNER_(a, b)

// Returns the Status from the enclosing function when `expr` is not OK.
#define OPENCEIR_RETURN_IF_ERROR(expr)                   \
  do {                                                   \
    ::openceir::Status openceir_status_ = (expr);        \
    if (!openceir_status_.ok()) return openceir_status_; \
  } while (false)

// `lhs = value of expr`, or returns its Status from the enclosing function.
#define OPENCEIR_ASSIGN_OR_RETURN(lhs, expr) \
  OPENCEIR_ASSIGN_OR_RETURN_IMPL_(OPENCEIR_CONCAT_(openceir_result_, __LINE__), lhs, expr)
#define OPENCEIR_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                    \
  if (!tmp.ok()) return tmp.status();                   \
  lhs = std::move(tmp).value()
