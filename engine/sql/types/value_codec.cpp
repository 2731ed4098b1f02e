#include "engine/sql/types/value_codec.h"

#include <cstring>

namespace runnel::sql {
namespace {
constexpr int kMaxValueNesting = 64;

void encode(const Value& v, ByteWriter& out) {
  out.putInt8(static_cast<std::int8_t>(v.kind()));
  switch (v.kind()) {
    case TypeKind::kNull:
      return;
    case TypeKind::kBoolean:
      out.putInt8(v.asBool() ? 1 : 0);
      return;
    case TypeKind::kInteger:
    case TypeKind::kBigint:
    case TypeKind::kTimestamp:
    case TypeKind::kDate:
    case TypeKind::kTime:
      out.putVarlong(v.asInt());
      return;
    case TypeKind::kDecimal:
      out.putVarint(v.decimalScale());
      [[fallthrough]];
    case TypeKind::kDouble: {
      const double d = v.asDouble();
      std::uint64_t bits;
      std::memcpy(&bits, &d, sizeof bits);
      out.putInt64(static_cast<std::int64_t>(bits));
      return;
    }
    case TypeKind::kString:
    case TypeKind::kBytes:
      out.putUnsignedVarint(v.asString().size());
      out.putString(v.asString());
      return;
    case TypeKind::kArray:
      out.putUnsignedVarint(v.asArray().size());
      for (const auto& e : v.asArray())
        encode(e, out);
      return;
    case TypeKind::kMap:
      out.putUnsignedVarint(v.asMap().size());
      for (const auto& [k, e] : v.asMap()) {
        encode(k, out);
        encode(e, out);
      }
      return;
    case TypeKind::kStruct:
      out.putUnsignedVarint(v.asStruct().size());
      for (const auto& [name, e] : v.asStruct()) {
        out.putUnsignedVarint(name.size());
        out.putString(name);
        encode(e, out);
      }
      return;
  }
}

Result<Value> decode(ByteReader& in, int depth) {
  if (depth > kMaxValueNesting) {
    in.fail();
    return Status::corruption("value nested too deeply");
  }
  const auto kind = static_cast<TypeKind>(in.getInt8());
  auto text = [&]() -> std::string {
    const auto n = in.getUnsignedVarint();
    if (n > in.remaining()) {
      in.fail();
      return {};
    }
    ByteView b = in.getBytes(static_cast<std::size_t>(n));
    return std::string(asChars(b));
  };
  auto count = [&]() -> std::size_t {
    const auto n = in.getUnsignedVarint();
    if (n > in.remaining()) {
      in.fail();
      return 0;
    }
    return static_cast<std::size_t>(n);
  };
  Value out;
  switch (kind) {
    case TypeKind::kNull:
      break;
    case TypeKind::kBoolean:
      out = Value::boolean(in.getInt8() != 0);
      break;
    case TypeKind::kInteger:
      out = Value::integer(static_cast<std::int32_t>(in.getVarlong()));
      break;
    case TypeKind::kBigint:
      out = Value::bigint(in.getVarlong());
      break;
    case TypeKind::kTimestamp:
      out = Value::timestamp(in.getVarlong());
      break;
    case TypeKind::kDate:
      out = Value::date(static_cast<std::int32_t>(in.getVarlong()));
      break;
    case TypeKind::kTime:
      out = Value::time(static_cast<std::int32_t>(in.getVarlong()));
      break;
    case TypeKind::kDouble:
    case TypeKind::kDecimal: {
      const int scale = kind == TypeKind::kDecimal ? in.getVarint() : 0;
      const auto bits = static_cast<std::uint64_t>(in.getInt64());
      double d;
      std::memcpy(&d, &bits, sizeof d);
      out = kind == TypeKind::kDecimal ? Value::decimal(d, scale) : Value::doubleValue(d);
      break;
    }
    case TypeKind::kString:
      out = Value::string(text());
      break;
    case TypeKind::kBytes:
      out = Value::bytes(text());
      break;
    case TypeKind::kArray: {
      Value::Array a;
      for (std::size_t i = 0, n = count(); i < n && in.ok(); ++i) {
        RUNNEL_ASSIGN_OR_RETURN(Value e, decode(in, depth + 1));
        a.push_back(std::move(e));
      }
      out = Value::array(std::move(a));
      break;
    }
    case TypeKind::kMap: {
      Value::MapEntries m;
      for (std::size_t i = 0, n = count(); i < n && in.ok(); ++i) {
        RUNNEL_ASSIGN_OR_RETURN(Value k, decode(in, depth + 1));
        RUNNEL_ASSIGN_OR_RETURN(Value e, decode(in, depth + 1));
        m.emplace_back(std::move(k), std::move(e));
      }
      out = Value::map(std::move(m));
      break;
    }
    case TypeKind::kStruct: {
      Value::Fields f;
      for (std::size_t i = 0, n = count(); i < n && in.ok(); ++i) {
        std::string name = text();
        RUNNEL_ASSIGN_OR_RETURN(Value e, decode(in, depth + 1));
        f.emplace_back(std::move(name), std::move(e));
      }
      out = Value::structValue(std::move(f));
      break;
    }
    default:
      in.fail();
      return Status::corruption("unknown value kind " + std::to_string(static_cast<int>(kind)));
  }
  if (!in.ok()) return Status::corruption("truncated value");
  return out;
}
bool skipEncodedValue(ByteReader& in, int depth) {
  if (depth > kMaxValueNesting) {
    in.fail();
    return false;
  }
  const auto kind = static_cast<TypeKind>(in.getInt8());
  auto count = [&]() -> std::uint64_t {
    const auto n = in.getUnsignedVarint();
    if (n > in.remaining()) {
      in.fail();
      return 0;
    }
    return n;
  };
  switch (kind) {
    case TypeKind::kNull:
      break;
    case TypeKind::kBoolean:
      in.getInt8();
      break;
    case TypeKind::kInteger:
    case TypeKind::kBigint:
    case TypeKind::kTimestamp:
    case TypeKind::kDate:
    case TypeKind::kTime:
      in.getVarlong();
      break;
    case TypeKind::kDecimal:
      in.getVarint();
      [[fallthrough]];
    case TypeKind::kDouble:
      in.getInt64();
      break;
    case TypeKind::kString:
    case TypeKind::kBytes:
      in.getBytes(static_cast<std::size_t>(count()));
      break;
    case TypeKind::kArray:
      for (std::uint64_t i = 0, n = count(); i < n && in.ok(); ++i)
        skipEncodedValue(in, depth + 1);
      break;
    case TypeKind::kMap:
      for (std::uint64_t i = 0, n = count(); i < n && in.ok(); ++i) {
        skipEncodedValue(in, depth + 1);
        skipEncodedValue(in, depth + 1);
      }
      break;
    case TypeKind::kStruct:
      for (std::uint64_t i = 0, n = count(); i < n && in.ok(); ++i) {
        in.getBytes(static_cast<std::size_t>(count()));
        skipEncodedValue(in, depth + 1);
      }
      break;
    default:
      in.fail();
      return false;
  }
  return in.ok();
}

}  // namespace

bool skipValue(ByteReader& in) {
  return skipEncodedValue(in, 0);
}

void encodeValue(const Value& value, ByteWriter& out) {
  encode(value, out);
}
Result<Value> decodeValue(ByteReader& in) {
  return decode(in, 0);
}

void appendRow(Bytes& out, const std::vector<Value>& values) {
  ByteWriter w(out);
  w.putUnsignedVarint(values.size());
  for (const auto& v : values)
    encode(v, w);
}

std::string encodeRow(const std::vector<Value>& values) {
  Bytes bytes;
  appendRow(bytes, values);
  return std::string(asChars(bytes));
}

Result<std::vector<Value>> decodeRow(std::string_view bytes) {
  ByteReader r(asBytes(bytes));
  const auto n = r.getUnsignedVarint();
  if (!r.ok() || n > bytes.size()) return Status::corruption("bad row header");
  std::vector<Value> out;
  out.reserve(static_cast<std::size_t>(n));
  for (std::uint64_t i = 0; i < n; ++i) {
    RUNNEL_ASSIGN_OR_RETURN(Value v, decode(r, 0));
    out.push_back(std::move(v));
  }
  if (r.remaining()) return Status::corruption("trailing bytes after row");
  return out;
}

}  // namespace runnel::sql
