"use client";

// Recharts draws in the browser (it measures its container), so the charts are client components fed
// with plain numbers by the server page.
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

const shortDay = (day: string) => `${day.slice(8, 10)}.${day.slice(5, 7)}`;
const numberFormat = new Intl.NumberFormat("ru-RU");

export function RequestsPerDayChart({ data }: { data: { day: string; filed: number; newShoppers: number }[] }) {
  return (
    <div className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={shortDay} fontSize={12} minTickGap={16} />
          <YAxis fontSize={12} allowDecimals={false} tickFormatter={(value: number) => numberFormat.format(value)} />
          <Tooltip labelFormatter={(label) => shortDay(String(label))} formatter={(value) => numberFormat.format(Number(value))} />
          <Legend />
          <Bar dataKey="filed" name="Заявки" fill="#6d28d9" isAnimationActive={false} />
          <Bar dataKey="newShoppers" name="Новые участники" fill="#14b8a6" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function PointsPerDayChart({ data }: { data: { day: string; credited: number; spent: number; forfeited: number }[] }) {
  return (
    <div className="h-64 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={shortDay} fontSize={12} minTickGap={16} />
          <YAxis fontSize={12} tickFormatter={(value: number) => numberFormat.format(value)} />
          <Tooltip labelFormatter={(label) => shortDay(String(label))} formatter={(value) => numberFormat.format(Number(value))} />
          <Legend />
          <Line type="monotone" dataKey="credited" name="Начислено" stroke="#16a34a" dot={false} isAnimationActive={false} />
          <Line type="monotone" dataKey="spent" name="Потрачено" stroke="#6d28d9" dot={false} isAnimationActive={false} />
          <Line type="monotone" dataKey="forfeited" name="Сгорело" stroke="#dc2626" dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

export function ApprovalChart({ data }: { data: { part: string; approved: number; rejected: number }[] }) {
  return (
    <div className="h-48 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" fontSize={12} allowDecimals={false} />
          <YAxis type="category" dataKey="part" fontSize={12} width={60} />
          <Tooltip formatter={(value) => numberFormat.format(Number(value))} />
          <Legend />
          <Bar dataKey="approved" name="Одобрено" stackId="a" fill="#16a34a" isAnimationActive={false} />
          <Bar dataKey="rejected" name="Отклонено" stackId="a" fill="#dc2626" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
