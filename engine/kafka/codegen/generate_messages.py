#!/usr/bin/env python3
"""Generates Runnel's Kafka wire-protocol codec from Apache Kafka's JSON message definitions.

Input: the vendored definitions in messages/*.json (see messages/README.md). Output, into
--out-dir (CMake passes ${CMAKE_BINARY_DIR}/generated/engine/kafka/messages):

  <api>.h / <api>.cpp     one pair per API (e.g. produce.h holds ProduceRequest and
                          ProduceResponse), and one per header or standalone "data" schema
  api_keys.h / .cpp       the API table (key, name, version range, first flexible version) and
                          the request/response header version rules
  message_factory.h/.cpp  createRequest(apiKey) / createResponse(apiKey) / createMessage(name)
  testing/*.h/.cpp        fillForTest(): deterministic non-default values for every field of
                          every version, used by the round-trip tests (test-only library)

The generated code follows the rules of Kafka's own generator (org.apache.kafka.message): field
presence by version, classic vs. compact ("flexible") encodings, nullable versions, tagged fields
written only when non-default, unknown tagged fields preserved, and non-ignorable fields refusing
to be silently dropped. Versions are checked at run time in one encode()/decode() per struct, not
by a function per version: that keeps the output small and quick to compile.

Python 3 standard library only. `--list-outputs` prints the files it would write (for CMake).
Files whose content is unchanged are not rewritten, so a generator edit recompiles only what it
changes.
"""
import argparse
import json
import os
import re
import sys
import textwrap

MAX_VERSION = 0x7FFF


class SpecError(Exception):
    """A definition this generator does not understand: better to stop than to guess."""


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------

def strip_comments(text):
    """Removes // comments (Kafka's JSON files have them) without touching string contents."""
    out = []
    i, in_string = 0, False
    while i < len(text):
        c = text[i]
        if in_string:
            out.append(c)
            if c == "\\":
                out.append(text[i + 1])
                i += 1
            elif c == '"':
                in_string = False
        elif c == '"':
            in_string = True
            out.append(c)
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
            continue
        else:
            out.append(c)
        i += 1
    return "".join(out)


def load_json(path):
    with open(path, encoding="utf-8") as f:
        try:
            return json.loads(strip_comments(f.read()))
        except json.JSONDecodeError as e:
            raise SpecError(f"{path}: {e}") from e


# --------------------------------------------------------------------------------------------
# Versions: Kafka writes them as "3+", "1-4", "2" or "none"; all are contiguous ranges.
# --------------------------------------------------------------------------------------------

class Versions:
    def __init__(self, lo, hi):
        self.lo, self.hi = lo, hi  # inclusive; empty when lo > hi

    @staticmethod
    def parse(text):
        text = str(text).strip()
        if text == "none":
            return Versions(1, 0)
        m = re.fullmatch(r"(\d+)\+", text)
        if m:
            return Versions(int(m.group(1)), MAX_VERSION)
        m = re.fullmatch(r"(\d+)-(\d+)", text)
        if m:
            return Versions(int(m.group(1)), int(m.group(2)))
        if re.fullmatch(r"\d+", text):
            return Versions(int(text), int(text))
        raise SpecError(f"bad version range '{text}'")

    def empty(self):
        return self.lo > self.hi

    def intersect(self, other):
        return Versions(max(self.lo, other.lo), min(self.hi, other.hi))

    def contains(self, other):
        return other.empty() or (self.lo <= other.lo and other.hi <= self.hi)

    def hull(self, other):
        """The smallest range holding both."""
        if self.empty():
            return other
        if other.empty():
            return self
        return Versions(min(self.lo, other.lo), max(self.hi, other.hi))

    def __eq__(self, other):
        return (self.empty() and other.empty()) or (self.lo, self.hi) == (other.lo, other.hi)

    def __str__(self):
        if self.empty():
            return "none"
        if self.hi == MAX_VERSION:
            return f"{self.lo}+"
        return f"{self.lo}" if self.lo == self.hi else f"{self.lo}-{self.hi}"

    def condition(self, within):
        """A C++ expression, true when `version` (known to lie in `within`) is in this range."""
        inner = self.intersect(within)
        if inner.empty():
            return "false"
        lo_test = inner.lo > within.lo
        hi_test = inner.hi < within.hi
        if lo_test and hi_test:
            if inner.lo == inner.hi:
                return f"version == {inner.lo}"
            return f"(version >= {inner.lo} && version <= {inner.hi})"
        if lo_test:
            return f"version >= {inner.lo}"
        if hi_test:
            return f"version <= {inner.hi}"
        return "true"


# --------------------------------------------------------------------------------------------
# The model: messages, structs, fields and their types
# --------------------------------------------------------------------------------------------

# Kafka type -> (C++ type, default literal when the definition gives none)
PRIMITIVES = {
    "bool": ("bool", "false"),
    "int8": ("std::int8_t", "0"),
    "int16": ("std::int16_t", "0"),
    "int32": ("std::int32_t", "0"),
    "int64": ("std::int64_t", "0"),
    "uint16": ("std::uint16_t", "0"),
    "uint32": ("std::uint32_t", "0"),
    "float64": ("double", "0.0"),
    "uuid": ("Uuid", "Uuid()"),
}
INTEGER_RANGES = {
    "int8": (-2**7, 2**7 - 1), "int16": (-2**15, 2**15 - 1), "int32": (-2**31, 2**31 - 1),
    "int64": (-2**63, 2**63 - 1), "uint16": (0, 2**16 - 1), "uint32": (0, 2**32 - 1),
}
VARIABLE = {"string": "std::string", "bytes": "Bytes", "records": "RecordsView"}
ARRAY_ELEMENTS = {"int8", "int16", "int32", "int64", "uint16", "uint32", "float64", "uuid", "string"}

FIELD_KEYS = {"name", "type", "versions", "about", "fields", "default", "entityType", "ignorable",
              "nullableVersions", "mapKey", "tag", "taggedVersions", "zeroCopy",
              "flexibleVersions"}
MESSAGE_KEYS = {"type", "name", "validVersions", "flexibleVersions", "fields", "apiKey",
                "listeners", "deprecatedVersions", "latestVersionUnstable", "commonStructs"}
# Names a nested struct must not take: they would hide the runtime types used unqualified.
RESERVED_TYPE_NAMES = {"Status", "Bytes", "ByteView", "ByteWriter", "ByteReader", "Uuid",
                       "RecordsView", "RawTaggedField", "UnknownTaggedFields", "Message",
                       "MessageKind", "Filler"}
# Generated code reaches members as this->member, so only the methods' names are taken.
RESERVED_FIELD_NAMES = {"encode", "decode", "messageName", "kind", "messageApiKey",
                        "lowestVersion", "highestVersion", "isSupportedVersion",
                        "unknownTaggedFields", "kApiKey", "kLowestVersion", "kHighestVersion"}
CPP_KEYWORDS = set("""alignas alignof and and_eq asm auto bitand bitor bool break case catch char
char8_t char16_t char32_t class compl concept const consteval constexpr constinit const_cast
continue co_await co_return co_yield decltype default delete do double dynamic_cast else enum
explicit export extern false float for friend goto if inline int long mutable namespace new
noexcept not not_eq nullptr operator or or_eq private protected public register reinterpret_cast
requires return short signed sizeof static static_assert static_cast struct switch template this
thread_local throw true try typedef typeid typename union unsigned using virtual void volatile
wchar_t while xor xor_eq""".split())


class FieldType:
    """kind: a PRIMITIVES or VARIABLE key, "struct" or "array" (then `element` is set)."""

    def __init__(self, text):
        self.text = text
        self.element = None
        self.struct_name = None
        if text.startswith("[]"):
            self.kind = "array"
            self.element = FieldType(text[2:])
            if self.element.kind == "array":
                raise SpecError(f"nested arrays are not supported: {text}")
            if self.element.kind not in ARRAY_ELEMENTS and self.element.kind != "struct":
                raise SpecError(f"arrays of {self.element.kind} are not supported")
        elif text in PRIMITIVES or text in VARIABLE:
            self.kind = text
        elif re.fullmatch(r"[A-Z][A-Za-z0-9]*", text):
            self.kind = "struct"
            self.struct_name = text
        else:
            raise SpecError(f"unknown type '{text}'")

    def is_struct_like(self):
        return self.kind == "struct" or (self.kind == "array" and self.element.kind == "struct")

    def can_be_null(self):
        return self.kind in ("string", "bytes", "records", "array", "struct")


def lower_camel(name):
    """Kafka's field names are UpperCamel; C++ members are lowerCamel ("KRaftVersion" ->
    "kraftVersion", not the constant-looking "kRaftVersion")."""
    result = name[0].lower() + name[1:]
    if re.match(r"k[A-Z]", result):
        result = "k" + result[1].lower() + result[2:]
    return result


def snake_case(name):
    name = name.replace("KRaft", "Kraft")
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()


class Field:
    def __init__(self, spec, message):
        unknown = set(spec) - FIELD_KEYS
        if unknown:
            raise SpecError(f"{message.name}: field keys {sorted(unknown)} are not understood")
        self.name = spec["name"]
        self.member = lower_camel(self.name)
        if self.member in CPP_KEYWORDS or self.member in RESERVED_FIELD_NAMES:
            raise SpecError(f"{message.name}.{self.name}: '{self.member}' cannot be a member name")
        self.type = FieldType(spec["type"])
        self.versions = Versions.parse(spec["versions"])
        self.nullable = Versions.parse(spec.get("nullableVersions", "none"))
        self.ignorable = bool(spec.get("ignorable", False))
        self.about = spec.get("about", "")
        self.inline_fields = spec.get("fields")
        self.flexible_override = (Versions.parse(spec["flexibleVersions"])
                                  if "flexibleVersions" in spec else None)
        self.tag = spec.get("tag")
        self.tagged = Versions.parse(spec.get("taggedVersions", "none"))
        raw_default = spec.get("default", "")
        self.default = str(raw_default).lower() if isinstance(raw_default, bool) else str(raw_default)
        self.struct = None  # resolved later for struct-like fields
        self._validate(message)

    def where(self, message):
        return f"{message.name}.{self.name}"

    def _validate(self, message):
        where = self.where(message)
        if not self.nullable.empty() and not self.type.can_be_null():
            raise SpecError(f"{where}: {self.type.text} fields cannot be nullable")
        if (self.tag is None) != self.tagged.empty():
            raise SpecError(f"{where}: 'tag' and 'taggedVersions' go together")
        if self.tag is not None:
            if not self.tagged.contains(self.versions):
                raise SpecError(f"{where}: fields tagged in some versions only are not supported")
            if not message.flexible.contains(self.versions.intersect(message.valid)):
                raise SpecError(f"{where}: tagged outside the flexible versions")
            if self.type.kind == "records":
                raise SpecError(f"{where}: records cannot be tagged")
        if self.default == "null" and not self.nullable.contains(self.versions):
            raise SpecError(f"{where}: null default but not nullable in every version")
        if self.type.is_struct_like() and self.default not in ("", "null"):
            raise SpecError(f"{where}: struct and array defaults must be empty or null")
        if self.type.kind in INTEGER_RANGES and self.default:
            lo, hi = INTEGER_RANGES[self.type.kind]
            if not lo <= int(self.default, 0) <= hi:
                raise SpecError(f"{where}: default {self.default} out of range")
        if self.type.kind == "bytes" and self.default not in ("", "null"):
            raise SpecError(f"{where}: bytes defaults must be empty or null")
        if self.type.kind == "uuid" and self.default:
            raise SpecError(f"{where}: uuid defaults other than zero are not supported")

    # ---- C++ typing ----
    def optional(self):
        """Nullable in any version: the member is a std::optional."""
        return not self.nullable.empty() or (self.type.kind == "records" and self.default == "null")

    def base_cpp_type(self):
        t = self.type
        if t.kind == "array":
            element = t.element.struct_name if t.element.kind == "struct" else cpp_scalar(t.element)
            return f"std::vector<{element}>"
        if t.kind == "struct":
            return t.struct_name
        return cpp_scalar(t)

    def cpp_type(self):
        base = self.base_cpp_type()
        return f"std::optional<{base}>" if self.optional() else base

    def default_literal(self):
        """The default of a fixed-size field as a C++ expression."""
        kind = self.type.kind
        if kind == "bool":
            if self.default not in ("", "true", "false"):
                raise SpecError(f"bad bool default '{self.default}'")
            return self.default or "false"
        if kind in INTEGER_RANGES:
            if not self.default:
                return "0"
            value = int(self.default, 0)
            if kind == "int32" and value == -2**31:
                return "(-2147483647 - 1)"
            if kind == "int64" and value == -2**63:
                return "(-9223372036854775807LL - 1)"
            return str(value) + ("LL" if kind == "int64" and abs(value) > 2**31 else "")
        if kind == "float64":
            return repr(float(self.default)) if self.default else "0.0"
        if kind == "uuid":
            return "Uuid()"
        raise SpecError(f"no default literal for {kind}")

    def initializer(self):
        """The member's default-member-initializer (with the leading ' = '), or ''."""
        kind = self.type.kind
        if kind in PRIMITIVES:
            return "" if kind == "uuid" else f" = {self.default_literal()}"
        if self.default == "null" or kind == "records":
            return ""
        if kind == "string" and self.default:
            return f" = std::string({cpp_string(self.default)})"
        if self.optional():  # nullable, but Kafka's default is the empty value, not null
            return f" = {self.base_cpp_type()}()"
        return ""

    def non_default(self, x):
        """A C++ expression true when member expression `x` differs from the field's default
        (Kafka writes a tagged field only then, and refuses to drop a non-ignorable one)."""
        kind = self.type.kind
        if kind == "uuid":
            return f"!{x}.isZero()"
        if kind == "bool":
            return f"!{x}" if self.default_literal() == "true" else x
        if kind in PRIMITIVES:
            return f"{x} != {self.default_literal()}"
        if kind == "string" and self.default not in ("", "null"):
            value_differs = f"{{v}} != {cpp_string(self.default)}"
        elif kind == "struct":
            value_differs = f"!({{v}} == {self.type.struct_name}())"
        else:
            value_differs = "!{v}.empty()"
        if not self.optional():
            return value_differs.format(v=x)
        if self.default == "null" or kind == "records":
            return f"{x}.has_value()"
        return f"(!{x}.has_value() || {value_differs.format(v='(*' + x + ')')})"


def cpp_scalar(field_type):
    if field_type.kind in PRIMITIVES:
        return PRIMITIVES[field_type.kind][0]
    return VARIABLE[field_type.kind]


def cpp_string(text):
    return json.dumps(text)


class Struct:
    """A list of fields with its own encode/decode: a message's root or a nested struct."""

    def __init__(self, name, fields, message, is_root=False):
        self.name = name
        self.fields = fields
        self.message = message
        self.is_root = is_root
        # The versions in which this struct can be encoded: the message's valid versions for the
        # root, else those of the fields holding it. Version tests are simplified against it.
        self.context = message.valid if is_root else Versions(1, 0)
        tags = [f.tag for f in fields if f.tag is not None]
        if len(tags) != len(set(tags)):
            raise SpecError(f"{message.name}.{name}: duplicate tags")

    def qualified(self):
        return self.message.name if self.is_root else f"{self.message.namespace()}::{self.name}"

    def path(self):
        return self.message.name if self.is_root else f"{self.message.name}.{self.name}"

    def tagged_fields(self):
        return sorted((f for f in self.fields if f.tag is not None), key=lambda f: f.tag)


class MessageSpec:
    def __init__(self, spec, source):
        unknown = set(spec) - MESSAGE_KEYS
        if unknown:
            raise SpecError(f"{source}: keys {sorted(unknown)} are not understood")
        self.source = os.path.basename(source)
        self.name = spec["name"]
        self.kind = spec["type"]
        if self.kind not in ("request", "response", "header", "data"):
            raise SpecError(f"{source}: unknown message type {self.kind}")
        self.api_key = spec.get("apiKey", -1)
        self.valid = Versions.parse(spec["validVersions"])
        self.flexible = Versions.parse(spec.get("flexibleVersions", "none"))
        self.listeners = spec.get("listeners", [])
        self.latest_unstable = bool(spec.get("latestVersionUnstable", False))
        self.structs = []  # nested structs, each after the structs it uses
        self._common = {s["name"]: s for s in spec.get("commonStructs", [])}
        self._seen = {}
        self.root = Struct(self.name, self._fields(spec["fields"]), self, is_root=True)
        # self.structs lists each struct after the ones it uses, so walking it backwards visits
        # every struct after all its users.
        for struct in [self.root] + self.structs[::-1]:
            for field in struct.fields:
                if field.struct is not None:
                    used_in = struct.context.intersect(field.versions)
                    field.struct.context = field.struct.context.hull(used_in)

    def _fields(self, specs):
        fields = [Field(s, self) for s in specs]
        for field in fields:
            if field.type.is_struct_like():
                name = (field.type.struct_name if field.type.kind == "struct"
                        else field.type.element.struct_name)
                field.struct = self._struct(name, field)
        return fields

    def _struct(self, name, field):
        if name in self._seen:
            if field.inline_fields is not None:
                raise SpecError(f"{self.name}: struct {name} is defined twice")
            return self._seen[name]
        if name in RESERVED_TYPE_NAMES or name == self.name:
            raise SpecError(f"{self.name}: struct name {name} is reserved")
        specs = field.inline_fields
        if specs is None:
            if name not in self._common:
                raise SpecError(f"{self.name}: struct {name} is not defined")
            specs = self._common[name]["fields"]
        self._seen[name] = None  # guards against recursive structs
        struct = Struct(name, self._fields(specs), self)
        self._seen[name] = struct
        self.structs.append(struct)
        return struct

    def namespace(self):
        """Where the nested structs are defined (the class re-exports them by name). Not inside
        the class: clang judges a nested struct with member initializers not default-
        constructible until the enclosing class is complete, which breaks std::optional of it."""
        return snake_case(self.name)

    def class_kind(self):
        return {"request": "kRequest", "response": "kResponse", "header": "kHeader",
                "data": "kData"}[self.kind]


class Api:
    """A request and its response, generated into one file pair."""

    def __init__(self, request, response):
        if request.api_key != response.api_key or request.valid != response.valid:
            raise SpecError(f"{request.name}/{response.name}: key or versions disagree")
        self.key = request.api_key
        self.name = request.name[: -len("Request")]
        self.request, self.response = request, response
        self.messages = [request, response]
        self.file = snake_case(self.name)


class Standalone:
    """A header or "data" schema, generated into a file pair of its own."""

    def __init__(self, message):
        self.name = message.name
        self.messages = [message]
        self.file = snake_case(message.name)


def load_all(messages_dir):
    requests, responses, standalone = {}, {}, []
    for entry in sorted(os.listdir(messages_dir)):
        if not entry.endswith(".json"):
            continue
        message = MessageSpec(load_json(os.path.join(messages_dir, entry)), entry)
        if message.kind == "request":
            requests[message.api_key] = message
        elif message.kind == "response":
            responses[message.api_key] = message
        else:
            standalone.append(Standalone(message))
    if set(requests) != set(responses):
        raise SpecError(f"requests without responses or the reverse: "
                        f"{sorted(set(requests) ^ set(responses))}")
    apis = [Api(requests[key], responses[key]) for key in sorted(requests)]
    return apis, standalone


# --------------------------------------------------------------------------------------------
# C++ emission helpers
# --------------------------------------------------------------------------------------------

def indent(lines, levels=1):
    pad = "  " * levels
    return [pad + line if line else line for line in lines]


def guarded(condition, body, otherwise=None):
    """Wraps `body` lines in `if (condition)`, folding the literal conditions away."""
    if condition == "true":
        return body
    if condition == "false":
        return otherwise or []
    lines = [f"if ({condition}) {{"] + indent(body)
    if otherwise:
        lines += ["} else {"] + indent(otherwise)
    return lines + ["}"]


def on_problem(call, error):
    return [f"if (wire::Problem p = {call}) {{", f"  return {error};", "}"]


def comment_lines(text, width=96):
    return ["// " + line for line in textwrap.wrap(text, width)] if text else []


class StructEmitter:
    """Emits one struct's declaration, encode/decode definitions and test filler."""

    def __init__(self, struct):
        self.struct = struct
        self.message = struct.message
        self.valid = struct.context
        self.flexible = struct.message.flexible.condition(struct.context)

    # ---- small pieces ----
    def flex(self):
        return self.flexible if self.flexible in ("true", "false") else "flexible"

    def present(self, field):
        return field.versions.condition(self.valid)

    def compact(self, field, tagged):
        if tagged:
            return "true"
        if field.flexible_override is not None:
            return field.flexible_override.intersect(self.message.flexible).condition(self.valid)
        return self.flex()

    def nullable(self, field):
        return field.nullable.condition(self.valid)

    def mode(self, field, tagged):
        return f"wire::Mode{{{self.compact(field, tagged)}, {self.nullable(field)}}}"

    def error(self, kind, field, problem="p"):
        where = f"{self.struct.path()}.{field.member}" if field else self.struct.path()
        return f'wire::{kind}Error("{where}", version, {problem})'

    def flexible_declaration(self):
        if self.flexible in ("true", "false"):
            return []
        return [f"const bool flexible = {self.flexible};"]

    # ---- declaration ----
    def declaration(self):
        s = self.struct
        lines = []
        for field in s.fields:
            notes = [f"v{field.versions}"]
            if not field.nullable.empty():
                notes.append(f"nullable v{field.nullable}")
            if field.tag is not None:
                notes.append(f"tag {field.tag}")
            if s.is_root and not field.ignorable and field.versions.lo > self.valid.lo:
                notes.append("not ignorable")
            lines += comment_lines(", ".join(notes) + ". " + field.about)
            lines.append(f"{field.cpp_type()} {field.member}{field.initializer()};")
        lines.append("UnknownTaggedFields unknownTaggedFields;")
        lines.append("")
        if s.is_root:
            return lines
        lines += ["Status encode(ByteWriter& out, std::int16_t version) const;",
                  "// Expects a default-constructed value (the enclosing message's decode passes",
                  "// fresh ones): skipping the reset saves the codec much compile time.",
                  "Status decode(ByteReader& in, std::int16_t version);",
                  f"bool operator==(const {s.name}&) const = default;"]
        return [f"struct {s.name} {{"] + indent(lines) + ["};"]

    # ---- encoding ----
    def encode_value(self, field, out, x, tagged):
        kind, mode = field.type.kind, self.mode(field, tagged)
        if kind in PRIMITIVES:
            return [f"wire::writeValue({out}, {x});"]
        if kind == "struct":
            if not field.optional():
                return [f"RUNNEL_RETURN_IF_ERROR({x}.encode({out}, version));"]
            marker = (f"wire::writeStructMarker({out}, {self.nullable(field)}, "
                      f"{'true' if tagged else 'false'}, {x}.has_value())")
            return on_problem(marker, self.error("encode", field)) + [
                f"if ({x}.has_value()) {{",
                f"  RUNNEL_RETURN_IF_ERROR({x}->encode({out}, version));", "}"]
        if kind == "array" and field.type.element.kind == "struct":
            elements = f"*{x}" if field.optional() else x
            size = f"{x}->size()" if field.optional() else f"{x}.size()"
            loop = [f"wire::writeArrayLength({out}, {mode}, {size});",
                    f"for (const auto& element : {elements}) {{",
                    f"  RUNNEL_RETURN_IF_ERROR(element.encode({out}, version));", "}"]
            if not field.optional():
                return loop
            null = on_problem(f"wire::writeNullArrayLength({out}, {mode})",
                              self.error("encode", field))
            return [f"if (!{x}.has_value()) {{"] + indent(null) + ["} else {"] + indent(loop) + ["}"]
        return on_problem(f"wire::write({out}, {mode}, {x})", self.error("encode", field))

    def absent_check(self, field, present):
        """Kafka refuses to drop a non-default, non-ignorable field a version lacks."""
        if field.ignorable or present == "true":
            return []
        condition = field.non_default("this->" + field.member)
        if present != "false":
            condition = f"!({present}) && {condition}"
        return [f"if ({condition}) {{",
                f"  return {self.error('encode', field, 'wire::kAbsentInVersion')};", "}"]

    def encode_tagged_section(self):
        s = self.struct
        tagged = s.tagged_fields()
        rigid = [f"if (!this->unknownTaggedFields.empty()) {{",
                 f"  return {self.error('encode', None, 'wire::kUnknownTagsInRigidVersion')};",
                 "}"]
        if not tagged:
            flexible = on_problem("wire::writeUnknownTaggedFields(out, this->unknownTaggedFields)",
                                  self.error("encode", None))
        else:
            flexible = []
            for field in tagged:
                present = self.present(field)
                condition = field.non_default("this->" + field.member)
                if present != "true":
                    condition = f"({present}) && {condition}"
                flexible.append(f"const bool write{field.name} = {condition};")
            terms = [f"static_cast<std::size_t>(write{f.name})" for f in tagged]
            count = [f"const std::size_t taggedCount = {terms[0]}"] + [f"    + {t}" for t in terms[1:]]
            count[-1] += ";"
            flexible += count
            flexible.append("wire::TaggedFieldWriter tagged(out, this->unknownTaggedFields, "
                            "taggedCount);")
            for field in tagged:
                body = ["ByteWriter& value = tagged.value();"]
                body += self.encode_value(field, "value", "this->" + field.member, tagged=True)
                body += on_problem(f"tagged.add({field.tag})", self.error("encode", field))
                flexible += [f"if (write{field.name}) {{"] + indent(body) + ["}"]
            flexible += on_problem("tagged.finish()", self.error("encode", None))
        return guarded(self.flex(), flexible, rigid)

    def encode_definition(self):
        s = self.struct
        body = []
        if s.is_root:
            body += ["if (!isSupportedVersion(version)) {",
                     f'  return wire::unsupportedVersion("{s.path()}", version);', "}"]
        body += self.flexible_declaration()
        for field in s.fields:
            present = self.present(field)
            if field.tag is None:
                body += guarded(present, self.encode_value(field, "out", "this->" + field.member, False))
            body += self.absent_check(field, present)
        body += self.encode_tagged_section()
        body.append("return Status::ok();")
        signature = (f"Status {s.qualified()}::encode(ByteWriter& out, "
                     f"[[maybe_unused]] std::int16_t version) const {{")
        return [signature] + indent(body) + ["}"]

    # ---- decoding ----
    def decode_value(self, field, reader, x, tagged):
        kind, mode = field.type.kind, self.mode(field, tagged)
        if kind in PRIMITIVES:
            return [f"wire::readValue({reader}, &{x});"]
        if kind == "struct":
            if not field.optional():
                return [f"RUNNEL_RETURN_IF_ERROR({x}.decode({reader}, version));"]
            marker = (f"wire::readStructMarker({reader}, {self.nullable(field)}, "
                      f"{'true' if tagged else 'false'}, &present)")
            return ["{", "  bool present = true;"] + indent(
                on_problem(marker, self.error("decode", field))) + [
                "  if (present) {",
                f"    RUNNEL_RETURN_IF_ERROR({x}.emplace().decode({reader}, version));",
                "  } else {", f"    {x}.reset();", "  }", "}"]
        if kind == "array" and field.type.element.kind == "struct":
            elements = "elements" if field.optional() else x
            loop = ["for (std::int32_t i = 0; i < length; ++i) {",
                    f"  RUNNEL_RETURN_IF_ERROR({elements}.emplace_back().decode({reader}, version));",
                    "}"]
            if field.optional():
                loop = ["if (length < 0) {", f"  {x}.reset();", "} else {",
                        f"  auto& elements = {x}.emplace();"] + indent(loop) + ["}"]
            length = f"wire::readArrayLength({reader}, {mode}, &length)"
            return ["{", "  std::int32_t length = 0;"] + indent(
                on_problem(length, self.error("decode", field)) + loop) + ["}"]
        return on_problem(f"wire::read({reader}, {mode}, &{x})", self.error("decode", field))

    def decode_tagged_section(self):
        s = self.struct
        tagged = s.tagged_fields()
        if not tagged:
            body = on_problem("wire::readUnknownTaggedFields(in, &this->unknownTaggedFields)",
                              self.error("decode", None))
            return guarded(self.flex(), body)
        cases = []
        for field in tagged:
            present = self.present(field)
            case = []
            if present != "true":
                case += [f"if (!({present})) {{", "  tagged.fail(wire::kTagNotValid);", "  break;",
                         "}"]
            if field.type.is_struct_like():  # a repeated tag replaces the value, as in Kafka
                case.append(reset_statement(field, "this->" + field.member))
            case += self.decode_value(field, "value", "this->" + field.member, tagged=True)
            cases += [f"case {field.tag}: {{"] + indent(case + ["break;"]) + ["}"]
        cases += ["default:", "  tagged.keepUnknown(&this->unknownTaggedFields);", "  break;"]
        body = ["wire::TaggedFieldReader tagged(in);", "while (tagged.next()) {",
                "  [[maybe_unused]] ByteReader& value = tagged.value();",
                "  switch (tagged.tag()) {"] + indent(cases, 2) + ["  }", "}"]
        body += on_problem("tagged.problem()", self.error("decode", None))
        return guarded(self.flex(), body)

    def decode_definition(self):
        s = self.struct
        body = []
        if s.is_root:
            body += ["if (!isSupportedVersion(version)) {",
                     f'  return wire::unsupportedVersion("{s.path()}", version);', "}"]
        if s.is_root:  # nested structs are always decoded into fresh values
            body.append(f"*this = {s.name}();")
        body += self.flexible_declaration()
        for field in s.fields:
            if field.tag is None:
                body += guarded(self.present(field),
                                self.decode_value(field, "in", "this->" + field.member, False))
        body += self.decode_tagged_section()
        body += ["if (!in.ok()) {",
                 f"  return {self.error('decode', None, 'wire::kTruncated')};", "}",
                 "return Status::ok();"]
        signature = (f"Status {s.qualified()}::decode(ByteReader& in, "
                     f"[[maybe_unused]] std::int16_t version) {{")
        return [signature] + indent(body) + ["}"]

    # ---- test filler ----
    def fill_value(self, field, x):
        t = field.type
        if t.kind == "struct":
            target = f"{x}.emplace()" if field.optional() else x
            return [f"fillForTest({target}, version, f);"]
        if t.kind == "array" and t.element.kind == "struct":
            if field.optional():
                return [f"for (auto& element : {x}.emplace(2)) {{",
                        "  fillForTest(element, version, f);", "}"]
            return [f"{x}.resize(2);", f"for (auto& element : {x}) {{",
                    "  fillForTest(element, version, f);", "}"]
        if t.kind == "array":
            element = fill_expression(t.element.kind, "0")
            return [f"{x} = {field.base_cpp_type()}{{{element}, {element}}};"]
        if t.kind == "bool":
            return [f"{x} = !{field.default_literal()};"]
        if t.kind in PRIMITIVES:
            return [f"{x} = {fill_expression(t.kind, field.default_literal())};"]
        return [f"{x} = {fill_expression(t.kind, None)};"]

    def fill_definition(self):
        s = self.struct
        body = []
        for field in s.fields:
            x = f"m.{field.member}"
            fill = self.fill_value(field, x)
            nullable = self.nullable(field)
            if field.optional() and nullable != "false":
                condition = "f.nulls()" if nullable == "true" else f"f.nulls() && {nullable}"
                fill = guarded(condition, [f"{x}.reset();"], fill)
            body += guarded(self.present(field), fill)
        signature = (f"void fillForTest([[maybe_unused]] {s.qualified()}& m, "
                     f"[[maybe_unused]] std::int16_t version, "
                     f"[[maybe_unused]] Filler& f) {{")
        return [signature] + indent(body) + ["}"]


def reset_statement(field, x):
    """Back to empty, without instantiating copy assignment (`x = {}` would, for vectors)."""
    if field.optional():
        return f"{x}.reset();"
    if field.type.kind == "array":
        return f"{x}.clear();"
    return f"{x} = {field.type.struct_name}();"


def fill_expression(kind, default):
    if kind == "float64":
        return f"f.nextDouble({default})"
    if kind in INTEGER_RANGES:
        return f"f.next<{PRIMITIVES[kind][0]}>({default})"
    return {"uuid": "f.nextUuid()", "string": "f.nextString()", "bytes": "f.nextBytes()",
            "records": "f.nextRecords()"}[kind]


# --------------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------------

GENERATED_NOTE = ("Generated by engine/kafka/codegen/generate_messages.py from Apache Kafka's "
                  "message definitions ({sources}, Apache-2.0): do not edit.")


def file_intro(summary, unit):
    sources = ", ".join(m.source for m in unit.messages) if unit else "messages/*.json"
    return comment_lines(summary) + comment_lines(GENERATED_NOTE.format(sources=sources))


def version_summary(message):
    flexible = "never flexible" if message.flexible.intersect(message.valid).empty() else \
        f"flexible from v{message.flexible.lo}"
    return f"versions {message.valid}, {flexible}"


def class_declaration(message):
    root = StructEmitter(message.root)
    lines = []
    if message.structs:
        lines += comment_lines(f"The structs nested in {message.name}, which names them "
                               f"{message.name}::{message.structs[0].name} and so on.")
        lines.append(f"namespace {message.namespace()} {{")
        lines.append("")
        for struct in message.structs:
            lines += StructEmitter(struct).declaration() + [""]
        lines += [f"}}  // namespace {message.namespace()}", ""]
    lines += comment_lines(f"{message.name}: {version_summary(message)}.")
    lines.append(f"class {message.name} final : public Message {{")
    members = [f"static constexpr std::int16_t kApiKey = {message.api_key};",
               f"static constexpr std::int16_t kLowestVersion = {message.valid.lo};",
               f"static constexpr std::int16_t kHighestVersion = {message.valid.hi};",
               ""]
    members += [f"using {s.name} = {message.namespace()}::{s.name};" for s in message.structs]
    if message.structs:
        members.append("")
    members += root.declaration()
    kind = message.class_kind()
    members += [
        f'std::string_view messageName() const override {{ return "{message.name}"; }}',
        f"MessageKind kind() const override {{ return MessageKind::{kind}; }}",
        "std::int16_t messageApiKey() const override { return kApiKey; }",
        "std::int16_t lowestVersion() const override { return kLowestVersion; }",
        "std::int16_t highestVersion() const override { return kHighestVersion; }",
        "Status encode(ByteWriter& out, std::int16_t version) const override;",
        "Status decode(ByteReader& in, std::int16_t version) override;",
    ]
    return lines + [" public:"] + indent(members) + ["};"]


def equality_definition(message):
    """Field-by-field equality of two root messages, for tests: it lives in the testing library
    because comparing every nested vector costs the codec a third of its compile time."""
    members = [f.member for f in message.root.fields] + ["unknownTaggedFields"]
    terms = [f"a.{m} == b.{m}" for m in members]
    body = ("return " + " &&\n       ".join(terms) + ";").split("\n")
    return ([f"bool equalForTest(const {message.name}& a, const {message.name}& b) {{"]
            + indent(body) + ["}"])


def unit_header(unit):
    if isinstance(unit, Api):
        summary = (f"Kafka API {unit.name} (key {unit.key}): {unit.request.name} and "
                   f"{unit.response.name}, {version_summary(unit.request)}.")
    else:
        summary = f"Kafka {unit.messages[0].kind} schema {unit.name}."
    lines = file_intro(summary, unit)
    lines += comment_lines("Plain value types owned by their holder, not thread-safe; encode() and "
                           "decode() behave as engine/kafka/protocol/message.h describes (records "
                           "fields borrow the decoded buffer: see RecordsView).")
    lines += ["#pragma once", "", '#include "engine/kafka/protocol/message.h"', "",
              "namespace runnel::kafka {", ""]
    for message in unit.messages:
        lines += class_declaration(message) + [""]
    return lines + ["}  // namespace runnel::kafka", ""]


def unit_source(unit):
    lines = file_intro(f"Encoders and decoders of {', '.join(m.name for m in unit.messages)}.",
                       unit)
    lines += [f'#include "engine/kafka/messages/{unit.file}.h"', "", "#include <memory>", "",
              '#include "engine/kafka/protocol/primitives.h"', ""]
    # A field named "version" is hidden by encode()/decode()'s parameter, which MSVC reports at
    # /W4 (C4458); the generated code reaches it as this->version, so the warning is moot here.
    # push/pop keeps the suppression inside this file when unity builds concatenate sources.
    structs = [s for m in unit.messages for s in m.structs + [m.root]]
    hides_member = any(f.member == "version" for s in structs for f in s.fields)
    if hides_member:
        lines += ["#if defined(_MSC_VER)", "#pragma warning(push)",
                  "#pragma warning(disable : 4458)", "#endif", ""]
    lines += ["namespace runnel::kafka {", ""]
    for struct in structs:
        emitter = StructEmitter(struct)
        lines += emitter.encode_definition() + [""] + emitter.decode_definition() + [""]
    lines += creator_definitions(unit)
    lines += ["}  // namespace runnel::kafka", ""]
    if hides_member:
        lines += ["#if defined(_MSC_VER)", "#pragma warning(pop)", "#endif", ""]
    return lines


def unit_testing_source(unit):
    lines = file_intro(f"Test filler for {', '.join(m.name for m in unit.messages)}.", unit)
    lines += [f'#include "engine/kafka/messages/{unit.file}.h"',
              '#include "engine/kafka/messages/testing/messages_testing.h"',
              '#include "engine/kafka/protocol/test_filler.h"', "",
              "namespace runnel::kafka::testing {", "namespace {", ""]
    nested = [s for m in unit.messages for s in m.structs]
    for struct in nested:
        lines.append(f"void fillForTest({struct.qualified()}& m, std::int16_t version, Filler& f);")
    lines += [""]
    for struct in nested:
        lines += StructEmitter(struct).fill_definition() + [""]
    lines += ["}  // namespace", ""]
    for message in unit.messages:
        lines += StructEmitter(message.root).fill_definition() + [""]
        lines += equality_definition(message) + [""]
    return lines + ["}  // namespace runnel::kafka::testing", ""]


def api_keys_header(apis):
    lines = file_intro("The Kafka API table: every API key the codec knows, with its valid and "
                       "flexible versions, and the header versions requests and responses use. "
                       "Constant data; thread-safe.", None)
    lines += ["#pragma once", "", "#include <cstdint>", "#include <span>",
              "#include <string_view>", "", "namespace runnel::kafka {", "",
              "enum class ApiKey : std::int16_t {"]
    lines += [f"  k{api.name} = {api.key}," for api in apis]
    lines += ["};", "",
              "// Which Kafka listeners serve an API (as a bit set), from the definitions.",
              "inline constexpr std::uint8_t kListenerZkBroker = 1;",
              "inline constexpr std::uint8_t kListenerBroker = 2;",
              "inline constexpr std::uint8_t kListenerController = 4;", "",
              "struct ApiInfo {",
              "  std::int16_t key;",
              "  std::string_view name;  // \"Produce\"",
              "  std::int16_t minVersion;",
              "  std::int16_t maxVersion;",
              "  std::int16_t firstFlexibleVersion;  // -1: no flexible version",
              "  bool latestVersionUnstable;  // the newest version is still being designed",
              "  std::uint8_t listeners;",
              "",
              "  bool isFlexible(std::int16_t version) const {",
              "    return firstFlexibleVersion >= 0 && version >= firstFlexibleVersion;",
              "  }",
              "  bool supports(std::int16_t version) const {",
              "    return version >= minVersion && version <= maxVersion;",
              "  }",
              "};", "",
              "// Every API, by ascending key.",
              "std::span<const ApiInfo> allApis();",
              "// nullptr when the key is unknown.",
              "const ApiInfo* findApi(std::int16_t apiKey);", "",
              "// Header versions for an API version, or -1 when the codec does not know it. Requests",
              "// use header v2 when the API version is flexible, else v1 (v0 only for",
              "// ControlledShutdown v0). Responses use v1 when flexible, else v0; ApiVersions",
              "// responses always use v0, because a client reads them before it knows the",
              "// broker's versions (KIP-511).",
              "std::int16_t requestHeaderVersion(std::int16_t apiKey, std::int16_t apiVersion);",
              "std::int16_t responseHeaderVersion(std::int16_t apiKey, std::int16_t apiVersion);",
              "", "}  // namespace runnel::kafka", ""]
    return lines


def listeners_mask(message):
    names = {"zkBroker": "kListenerZkBroker", "broker": "kListenerBroker",
             "controller": "kListenerController"}
    unknown = set(message.listeners) - set(names)
    if unknown:
        raise SpecError(f"{message.name}: unknown listeners {sorted(unknown)}")
    flags = [names[n] for n in message.listeners]
    return " | ".join(flags) if flags else "0"


def api_keys_source(apis):
    lines = file_intro("The Kafka API table.", None)
    lines += ['#include "engine/kafka/messages/api_keys.h"', "", "#include <algorithm>", "",
              '#include "engine/kafka/protocol/protocol_constants.h"', "",
              "namespace runnel::kafka {", "namespace {", "",
              "constexpr ApiInfo kApis[] = {"]
    for api in apis:
        r = api.request
        first_flexible = -1 if r.flexible.intersect(r.valid).empty() else r.flexible.lo
        if api.response.flexible.lo != r.flexible.lo:
            raise SpecError(f"{api.name}: request and response flexible versions differ")
        lines.append(f'    {{{api.key}, "{api.name}", {r.valid.lo}, {r.valid.hi}, {first_flexible}, '
                     f'{"true" if r.latest_unstable else "false"}, '
                     f"static_cast<std::uint8_t>({listeners_mask(r)})}},")
    shutdown = next((a for a in apis if a.name == "ControlledShutdown"), None)
    lines += ["};", "", "}  // namespace", "",
              "std::span<const ApiInfo> allApis() { return kApis; }", "",
              "const ApiInfo* findApi(std::int16_t apiKey) {",
              "  const auto* it = std::lower_bound(std::begin(kApis), std::end(kApis), apiKey,",
              "      [](const ApiInfo& api, std::int16_t key) { return api.key < key; });",
              "  return it != std::end(kApis) && it->key == apiKey ? it : nullptr;",
              "}", "",
              "std::int16_t requestHeaderVersion(std::int16_t apiKey, std::int16_t apiVersion) {",
              "  const ApiInfo* api = findApi(apiKey);",
              "  if (api == nullptr || !api->supports(apiVersion)) return -1;"]
    if shutdown is not None and shutdown.request.valid.lo == 0:
        lines += [f"  if (apiKey == {shutdown.key} && apiVersion == 0) return kRequestHeaderV0;"]
    lines += ["  return api->isFlexible(apiVersion) ? kRequestHeaderV2 : kRequestHeaderV1;",
              "}", "",
              "std::int16_t responseHeaderVersion(std::int16_t apiKey, std::int16_t apiVersion) {",
              "  const ApiInfo* api = findApi(apiKey);",
              "  if (api == nullptr || !api->supports(apiVersion)) return -1;",
              f"  if (apiKey == static_cast<std::int16_t>(ApiKey::kApiVersions)) return kResponseHeaderV0;",
              "  return api->isFlexible(apiVersion) ? kResponseHeaderV1 : kResponseHeaderV0;",
              "}", "", "}  // namespace runnel::kafka", ""]
    return lines


def factory_header():
    lines = file_intro("Creates generated messages by API key or name, for code that learns the "
                       "type at run time (the request dispatcher, tests, the fuzzer). Stateless; "
                       "thread-safe.", None)
    return lines + [
        "#pragma once", "", "#include <cstdint>", "#include <memory>", "#include <span>",
        "#include <string_view>", "", '#include "engine/kafka/protocol/message.h"', "",
        "namespace runnel::kafka {", "",
        "// A default-constructed request/response for the API key; nullptr if unknown.",
        "std::unique_ptr<Message> createRequest(std::int16_t apiKey);",
        "std::unique_ptr<Message> createResponse(std::int16_t apiKey);",
        "// Any generated message (requests, responses, headers, data schemas) by its name",
        "// (\"ProduceRequest\", \"RequestHeader\"); nullptr if unknown.",
        "std::unique_ptr<Message> createMessage(std::string_view name);",
        "std::span<const std::string_view> allMessageNames();", "",
        "}  // namespace runnel::kafka", ""]


def creator(message):
    """Each message's creator lives beside its encoder, where its vtable and destructor are
    compiled anyway; the factory then needs no message header (including them all costs more
    than all the codecs together)."""
    return f"create{message.name}"


def creator_definitions(unit):
    lines = []
    for m in unit.messages:
        lines += [f"std::unique_ptr<Message> {creator(m)}() {{",
                  f"  return std::make_unique<{m.name}>();", "}", ""]
    return lines


def factory_source(apis, standalone):
    units = apis + standalone
    messages = [m for u in units for m in u.messages]
    lines = file_intro("Message factory.", None)
    lines += ['#include "engine/kafka/messages/message_factory.h"', "", "namespace runnel::kafka {", ""]
    lines += ["// Defined beside each message's encoder."]
    lines += [f"std::unique_ptr<Message> {creator(m)}();" for m in messages]
    lines += ["", "namespace {", "",
              "using Creator = std::unique_ptr<Message> (*)();", "",
              "struct Entry {", "  std::string_view name;", "  Creator create;", "};", "",
              "const Entry kMessages[] = {"]
    lines += [f'    {{"{m.name}", &{creator(m)}}},' for m in messages]
    lines += ["};", "",
              "constexpr std::string_view kNames[] = {"]
    lines += [f'    "{m.name}",' for m in messages]
    lines += ["};", "", "}  // namespace", ""]
    for side in ("request", "response"):
        lines += [f"std::unique_ptr<Message> create{side.capitalize()}(std::int16_t apiKey) {{",
                  "  switch (apiKey) {"]
        for api in apis:
            message = getattr(api, side)
            lines.append(f"    case {api.key}: return {creator(message)}();")
        lines += ["    default: return nullptr;", "  }", "}", ""]
    lines += ["std::unique_ptr<Message> createMessage(std::string_view name) {",
              "  for (const Entry& entry : kMessages) {",
              "    if (entry.name == name) return entry.create();", "  }",
              "  return nullptr;", "}", "",
              "std::span<const std::string_view> allMessageNames() { return kNames; }", "",
              "}  // namespace runnel::kafka", ""]
    return lines


def testing_header(apis, standalone):
    units = apis + standalone
    lines = file_intro("Test support: fills generated messages with deterministic non-default "
                       "values. Linked only by tests and the fuzzer.", None)
    lines += ["#pragma once", "", "#include <cstdint>", "",
              '#include "engine/kafka/protocol/message.h"', "", "namespace runnel::kafka {"]
    lines += [f"class {m.name};" for u in units for m in u.messages]
    lines += ["}  // namespace runnel::kafka", "", "namespace runnel::kafka::testing {", "",
              "class Filler;", ""]
    for m in (m for u in units for m in u.messages):
        lines += [f"void fillForTest({m.name}& m, std::int16_t version, Filler& f);",
                  f"bool equalForTest(const {m.name}& a, const {m.name}& b);"]
    lines += ["",
              "// Sets every field `version` has to a deterministic non-default value (a field",
              "// nullable in that version to null instead when `nulls`); arrays get two elements.",
              "// Returns false for a message type the generator did not produce.",
              "bool fillForTest(Message& message, std::int16_t version, bool nulls);",
              "// Whether two messages are of the same type and equal field by field.",
              "bool equalForTest(const Message& a, const Message& b);", "",
              "}  // namespace runnel::kafka::testing", ""]
    return lines


def testing_source(apis, standalone):
    units = apis + standalone
    lines = file_intro("Test filler dispatch.", None)
    lines += ['#include "engine/kafka/messages/testing/messages_testing.h"', "",
              "#include <string_view>", ""]
    lines += [f'#include "engine/kafka/messages/{u.file}.h"' for u in units]
    lines += ['#include "engine/kafka/protocol/test_filler.h"', "",
              "namespace runnel::kafka::testing {", "",
              "bool fillForTest(Message& message, std::int16_t version, bool nulls) {",
              "  Filler filler(nulls);",
              "  const std::string_view name = message.messageName();"]
    for unit in units:
        for m in unit.messages:
            lines += [f'  if (name == "{m.name}") {{',
                      f"    fillForTest(static_cast<{m.name}&>(message), version, filler);",
                      "    return true;", "  }"]
    lines += ["  return false;", "}", "",
              "bool equalForTest(const Message& a, const Message& b) {",
              "  const std::string_view name = a.messageName();",
              "  if (name != b.messageName()) return false;"]
    for unit in units:
        for m in unit.messages:
            lines += [f'  if (name == "{m.name}") {{',
                      f"    return equalForTest(static_cast<const {m.name}&>(a), "
                      f"static_cast<const {m.name}&>(b));", "  }"]
    lines += ["  return false;", "}", "", "}  // namespace runnel::kafka::testing", ""]
    return lines


def outputs(apis, standalone):
    """{relative path: lines} of everything generated."""
    files = {}
    for unit in apis + standalone:
        files[f"{unit.file}.h"] = lambda u=unit: unit_header(u)
        files[f"{unit.file}.cpp"] = lambda u=unit: unit_source(u)
        files[f"testing/{unit.file}_testing.cpp"] = lambda u=unit: unit_testing_source(u)
    files["api_keys.h"] = lambda: api_keys_header(apis)
    files["api_keys.cpp"] = lambda: api_keys_source(apis)
    files["message_factory.h"] = factory_header
    files["message_factory.cpp"] = lambda: factory_source(apis, standalone)
    files["testing/messages_testing.h"] = lambda: testing_header(apis, standalone)
    files["testing/messages_testing.cpp"] = lambda: testing_source(apis, standalone)
    return files


def write_if_changed(path, text):
    try:
        with open(path, encoding="utf-8") as f:
            if f.read() == text:
                return False
    except FileNotFoundError:
        pass
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return True


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--messages", required=True, help="directory of Kafka's *.json files")
    parser.add_argument("--out-dir", help="where to write the generated files")
    parser.add_argument("--list-outputs", action="store_true",
                        help="print the generated files' relative paths (';'-separated) and exit")
    parser.add_argument("--stamp", help="file to touch after a successful run")
    args = parser.parse_args()
    try:
        apis, standalone = load_all(args.messages)
        files = outputs(apis, standalone)
        if args.list_outputs:
            print(";".join(sorted(files)), end="")
            return 0
        if not args.out_dir:
            parser.error("--out-dir is required")
        changed = 0
        for relative, render in sorted(files.items()):
            changed += write_if_changed(os.path.join(args.out_dir, relative),
                                        "\n".join(render()))
        if args.stamp:
            with open(args.stamp, "w", encoding="utf-8") as f:
                f.write(f"{len(files)} files, {changed} changed\n")
    except SpecError as e:
        print(f"generate_messages.py: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
